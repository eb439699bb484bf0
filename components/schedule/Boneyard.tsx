import { SortControl } from "./SortControl.tsx";
import { StripList } from "./StripList.tsx";
import type { Stripboard } from "./stripboard_model.ts";

/** The boneyard: the unscheduled strips, a region of its own. */
export function Boneyard({ m }: { m: Stripboard }) {
  const keys = m.shown.value.boneyard;
  const canEdit = m.canEdit.value;
  return (
    <section class="sb-boneyard" aria-labelledby="sb-boneyard-title">
      <div class="sb-boneyard-head">
        <h2 id="sb-boneyard-title">
          Boneyard <span class="count">{keys.length}</span>
        </h2>
        <p class="muted sb-boneyard-note">Scenes not scheduled yet.</p>
        {canEdit && keys.length > 1 && (
          <div class="sb-day-tools">
            <SortControl
              scope={{ boneyard: true }}
              label="the boneyard"
              preview={m.preview.value}
              onPropose={(by) => m.propose({ boneyard: true }, by)}
              onAccept={m.acceptPreview}
              onCancel={m.cancelPreview}
            />
          </div>
        )}
      </div>
      <StripList
        m={m}
        box={{ boneyard: true }}
        rows={keys.map((sceneKey) => ({ type: "strip", sceneKey }))}
        label="Boneyard strips"
        empty={canEdit
          ? "Every scene is scheduled. Drag a strip here to unschedule it."
          : "Every scene is scheduled."}
      />
    </section>
  );
}

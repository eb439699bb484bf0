import { useModel } from "@preact/signals";
import {
  type BreakdownInit,
  BreakdownModel,
  type PostedSheet,
} from "@/components/script/breakdown_model.ts";
import { CategoryBox } from "@/components/script/CategoryBox.tsx";
import { NotesCard, StatusCard } from "@/components/script/SheetCards.tsx";
import { browserWorld } from "@/components/world.ts";
import { BREAKDOWN_CATEGORIES } from "@/lib/script/shared.ts";
import { useHref } from "@/components/production_path.ts";

export type { PostedSheet };

/**
 * A scene's breakdown sheet: status with the moves the viewer may make,
 * facts, notes (others see that you are typing) and the tags of every
 * category in the breakdown-sheet colours, with add / remove for writers.
 * Every change is a PATCH with `If-Match`; a 409 shows the current scene.
 * Changes by others arrive live. Each control is a real form, so the sheet
 * works without JavaScript too (the page handles the posts). The state and
 * actions are {@linkcode BreakdownModel}'s.
 */
export default function BreakdownSheet(props: BreakdownInit) {
  const model = useModel(() => new BreakdownModel(browserWorld(), props));
  const href = useHref();
  const { scriptId, abilities, readOnly } = props;
  const s = model.scene.value;
  const message = model.message.value;
  const superseded = model.superseded.value;

  return (
    <div class="breakdown-sheet" data-scene-version={s.version}>
      {superseded !== null && (
        <p class="notice script-banner" role="status">
          Draft {superseded}{" "}
          of this script was imported: this sheet is now history.{" "}
          <a href={href(`/script/${scriptId}`)}>Open the current draft</a>.
        </p>
      )}
      {message && (
        <p
          class={message.kind === "ok" ? "notice" : "form-error"}
          role={message.kind === "ok" ? "status" : "alert"}
          data-kind={message.kind}
        >
          {message.text}
        </p>
      )}
      <div class="sheet-top">
        <StatusCard model={model} abilities={abilities} readOnly={readOnly} />
        <NotesCard model={model} />
      </div>
      <section class="breakdown-grid-wrap" aria-labelledby="breakdown-title">
        <div class="scene-list-head">
          <h2 id="breakdown-title">Breakdown</h2>
          {model.editable.value && model.locked.value && (
            <p class="muted">
              Approved breakdowns are locked{abilities.approve
                ? ": reopen the scene to change its tags."
                : "; the director or the producer can reopen it."}
            </p>
          )}
        </div>
        <div class="breakdown-grid">
          {BREAKDOWN_CATEGORIES.map((category) => (
            <CategoryBox
              category={category}
              tags={s.breakdown[category]}
              version={s.version}
              editable={model.tagsEditable.value}
              busy={model.busy.value}
              onAdd={async (tag, form) => {
                if (await model.addTag(category, tag)) form.reset();
              }}
              onRemove={(tag) => model.removeTag(category, tag)}
            />
          ))}
        </div>
      </section>
    </div>
  );
}

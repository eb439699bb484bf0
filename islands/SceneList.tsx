import { useSignal } from "@preact/signals";
import {
  formatEighths,
  SCENE_STATUS_LABELS,
  SCENE_STATUSES,
} from "@/lib/script/breakdown.ts";
import type { Scene } from "@/lib/script/shared.ts";
import {
  ChangeMarks,
  SceneStatusPill,
} from "@/components/script/SceneBadges.tsx";
import { replaceScene, sceneNumber, send } from "@/components/script/model.ts";
import { useFlash } from "@/components/use_flash.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { useHref } from "@/components/production_path.ts";

const FLASH_MS = 1_500;

/**
 * A draft's scenes: number, heading, setting, time of day, speaking
 * characters, length in eighths, breakdown status and change marks, each
 * linked to its breakdown sheet. Statuses change live (`scene_updated`);
 * when someone imports a new draft of this script a banner offers it.
 */
export default function SceneList(props: {
  scriptId: string;
  scenes: Scene[];
  /** The draft shown, and the script's current one. */
  draftNumber: number;
  currentVersion: number;
}) {
  const scenes = useSignal(props.scenes);
  const href = useHref();
  const { flashing, flash } = useFlash(FLASH_MS);
  const newDraft = useSignal<number | null>(null);
  const { scriptId, draftNumber } = props;
  const readOnly = draftNumber !== props.currentVersion;

  useRealtime("script_update", (event) => {
    const data = event.data;
    if (data.action === "scene_updated") {
      if (!scenes.value.some((s) => s.id === data.scene.id)) return;
      scenes.value = replaceScene(scenes.value, data.scene);
      flash(data.scene.id);
    } else if (
      data.action === "imported" && data.script.id === scriptId &&
      data.version.number > draftNumber && !readOnly
    ) {
      newDraft.value = data.version.number;
    }
  }, async () => {
    const detail = await send<{ scenes: Scene[] }>(
      "GET",
      `/api/scripts/${encodeURIComponent(scriptId)}?version=${draftNumber}`,
    );
    scenes.value = detail.scenes;
  });

  const present = scenes.value.filter((s) => s.change !== "removed");
  const counts = SCENE_STATUSES.map((status) => ({
    status,
    count: present.filter((s) => s.status === status).length,
  })).filter((c) => c.count > 0);

  return (
    <section class="scene-list" aria-labelledby="scenes-title">
      {newDraft.value !== null && (
        <p class="notice script-banner" role="status">
          A new draft (draft {newDraft.value}) was imported —{" "}
          <a href={href(`/script/${scriptId}`)}>reload</a> to see it.
        </p>
      )}
      <div class="scene-list-head">
        <h2 id="scenes-title">Scenes</h2>
        <p class="muted scene-counts" aria-live="polite">
          {counts.map((c, i) => (
            <span data-count={c.status}>
              {i > 0 && " · "}
              {c.count} {SCENE_STATUS_LABELS[c.status].toLowerCase()}
            </span>
          ))}
        </p>
      </div>
      <div class="table-wrap">
        <table class="table scene-table">
          <caption class="visually-hidden">
            Scenes of draft {draftNumber}
            {readOnly ? " (read-only history)" : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Scene</th>
              <th scope="col">Int/Ext</th>
              <th scope="col">Time</th>
              <th scope="col">Characters</th>
              <th scope="col">Pages</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {scenes.value.map((scene) => (
              <tr
                key={scene.id}
                data-scene-id={scene.id}
                data-status={scene.status}
                class={scene.change === "removed" ? "is-removed" : undefined}
              >
                <td class="scene-number">{sceneNumber(scene)}</td>
                <td class="scene-heading-cell">
                  <a href={href(`/script/${scriptId}/scenes/${scene.id}`)}>
                    {scene.heading}
                  </a>
                  <ChangeMarks
                    change={scene.change}
                    needsReview={scene.needsReview}
                    firstDraft={draftNumber === 1}
                  />
                </td>
                <td class="scene-setting">{scene.setting ?? "—"}</td>
                <td class="scene-time">{scene.timeOfDay ?? "—"}</td>
                <td
                  class={`scene-characters${
                    scene.characters.length > 0 ? "" : " is-empty"
                  }`}
                >
                  {scene.characters.length > 0
                    ? scene.characters.join(", ")
                    : <span class="muted">—</span>}
                </td>
                <td
                  class="scene-eighths"
                  data-label="Pages"
                  data-cell="eighths"
                >
                  {formatEighths(scene.eighths)}
                </td>
                <td class="scene-status">
                  <SceneStatusPill
                    status={scene.status}
                    flash={flashing.value.has(scene.id)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

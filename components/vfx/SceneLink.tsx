import type { SceneRef } from "@/lib/vfx/shared.ts";
import { useHref } from "@/components/production_path.ts";

/**
 * A shot's scene: its number and heading, linked to the breakdown sheet in
 * the script's current draft (server render and islands alike). The shot
 * stores the scene's stable key, so the link follows the scene through
 * new drafts; a key no current draft has says so instead.
 */
export function SceneLink(
  { sceneKey, scenes, empty }: {
    sceneKey: string | null;
    /** Scenes of the current drafts by key (lib/vfx/scene_links.ts). */
    scenes: Record<string, SceneRef>;
    /** What an unlinked shot shows. */
    empty: string;
  },
) {
  const href = useHref();
  if (sceneKey === null) return <span class="muted">{empty}</span>;
  const scene = scenes[sceneKey];
  if (scene === undefined) {
    return <span class="muted">Not in the current script</span>;
  }
  return (
    <span class="scene-ref" data-scene-key={scene.key}>
      <a
        href={href(
          `/script/${encodeURIComponent(scene.scriptId)}/scenes/${
            encodeURIComponent(scene.sceneId)
          }`,
        )}
        title={`${scene.scriptTitle}, scene ${scene.number}`}
      >
        <span class="scene-ref-number">
          <span class="visually-hidden">Scene</span> {scene.number}
        </span>{" "}
        <span class="scene-ref-heading">{scene.heading}</span>
      </a>
      {scene.removed && (
        <span class="muted scene-ref-removed">
          {" "}(removed in the current draft)
        </span>
      )}
    </span>
  );
}

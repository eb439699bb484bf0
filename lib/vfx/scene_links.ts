/**
 * Shots link to script scenes by the scene's stable `key`, which a scene
 * keeps across drafts (lib/script/diff.ts), never by the id of one draft's
 * scene record: a new draft gives every scene a new record and id, and a
 * link by id would point into an old draft.
 *
 * Shots stored before keys carry the per-draft `sceneId` instead. They are
 * resolved on read, not migrated: {@linkcode withSceneKeys} looks the old
 * record up (a scene record's key never changes, so the answer is final)
 * and returns the shot with `sceneKey` set and `sceneId` gone. The stored
 * record keeps its old id until the shot's scene link is next edited, which
 * stores the key and drops the id (service.ts `updateShot`). Resolving
 * on read needs no migration run, no write to records nobody changed (no
 * new versions, no history entries), and cannot race a running import.
 *
 * @module
 */
import { can } from "@/lib/policy.ts";
import type { Actor } from "@/lib/policy.ts";
import { getScript, listScripts } from "@/lib/script/service.ts";
import { scenes } from "@/lib/script/store.ts";
import { serviceContext } from "@/lib/service.ts";
import type { SceneRef, Shot } from "./shared.ts";

export type { SceneRef };

/**
 * `list` with every legacy `sceneId` resolved to its scene's `sceneKey`
 * (null when that scene record no longer exists); shots stored with a key
 * come back as they are, minus an empty legacy field.
 */
export async function withSceneKeys(
  kv: Deno.Kv,
  list: readonly Shot[],
): Promise<Shot[]> {
  const legacy = [
    ...new Set(
      list.filter((s) => s.sceneKey === null && s.sceneId)
        .map((s) => s.sceneId!),
    ),
  ];
  const keys = new Map<string, string | null>();
  await Promise.all(legacy.map(async (id) => {
    keys.set(id, (await scenes.get(kv, id))?.key ?? null);
  }));
  return list.map((shot) => {
    if (!("sceneId" in shot)) return shot;
    const { sceneId, ...rest } = shot;
    return rest.sceneKey === null && sceneId
      ? { ...rest, sceneKey: keys.get(sceneId) ?? null }
      : rest;
  });
}

/** One shot with its legacy scene id resolved (see {@linkcode withSceneKeys}). */
export async function withSceneKey(kv: Deno.Kv, shot: Shot): Promise<Shot> {
  return (await withSceneKeys(kv, [shot]))[0];
}

/**
 * The scenes of every script's current draft by key, for naming a shot's
 * scene: number, heading and a link to its breakdown sheet. Empty for a
 * viewer who may not read the script.
 */
export async function sceneRefs(
  kv: Deno.Kv,
  actor: Actor,
): Promise<Record<string, SceneRef>> {
  const refs: Record<string, SceneRef> = {};
  if (!can(actor, "script", "read")) return refs;
  // A read: the context needs no name.
  const cx = serviceContext(kv, { name: "", ...actor });
  for (const script of await listScripts(cx)) {
    const detail = await getScript(cx, script.id);
    for (const scene of detail.scenes) {
      refs[scene.key] = {
        key: scene.key,
        scriptId: script.id,
        scriptTitle: script.title,
        sceneId: scene.id,
        // The script pages' rule: the `#n#` number, else the position.
        number: scene.number ?? String(scene.index + 1),
        heading: scene.heading,
        removed: scene.change === "removed",
      };
    }
  }
  return refs;
}

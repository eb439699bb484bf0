/**
 * After a rename or a merge, the tags that refer to an element are
 * rewritten to its name in every scene of every script's current draft:
 * the element is renamed in one place and every breakdown follows. Earlier
 * drafts are history and keep their tags.
 *
 * Each scene's rewrite is an ordinary scene update — its history entry,
 * its `scene_updated` event (open breakdown sheets and scene lists update
 * live) and the script's revision counter (an import planned meanwhile
 * plans again) — in commits of at most {@linkcode SCENES_PER_COMMIT}
 * scenes of one script. An approved breakdown keeps its approval: a
 * spelling is not a change of what the scene needs.
 *
 * @module
 */
import { emit, type ServiceContext } from "@/lib/service.ts";
import { uniqueTags } from "@/lib/script/breakdown.ts";
import { revisionKey, scenes, scripts } from "@/lib/script/store.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact } from "@/lib/store/transaction.ts";
import type { Element } from "./schemas.ts";
import { tagKey } from "./shared.ts";
import { currentDrafts } from "./usage.ts";

/**
 * Scenes per commit: each is a checked read, plus the script, its revision
 * counter and the event log's head: 7 + 3 = KV's 10 checks.
 */
export const SCENES_PER_COMMIT = 7;

/** Passes over the drafts when an import moves one meanwhile. */
const ATTEMPTS = 5;

/**
 * `tags` with every tag whose key is one of `keys` spelled `name`, without
 * duplicates; `tags` itself (the same array) when nothing changes.
 */
export function rewrittenTags(
  tags: string[],
  keys: ReadonlySet<string>,
  name: string,
): string[] {
  if (!tags.some((t) => keys.has(tagKey(t)) && t !== name)) return tags;
  return uniqueTags(tags.map((t) => (keys.has(tagKey(t)) ? name : t)));
}

/**
 * Rewrites the tags of `element`'s category whose key is one of `keys` (its
 * own and its aliases') to its name, in the current draft of every script,
 * as `cx.actor`. Re-runnable: a scene already right is not written. When
 * an import publishes a new draft meanwhile, that draft is rewritten too.
 * Returns how many scenes changed.
 */
export async function rewriteTags(
  cx: ServiceContext,
  element: Element,
  keys: ReadonlySet<string>,
): Promise<number> {
  const category = element.category;
  const field = `breakdown.${category}`;
  let changed = 0;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let moved = false;
    for (const { script, scenes: list } of await currentDrafts(cx.kv)) {
      const todo = list.filter((s) =>
        rewrittenTags(s.breakdown[category], keys, element.name) !==
          s.breakdown[category]
      );
      for (let i = 0; i < todo.length && !moved; i += SCENES_PER_COMMIT) {
        const chunk = todo.slice(i, i + SCENES_PER_COMMIT);
        const { result } = await transact(cx.kv, async (tx) => {
          const current = await scripts.get(tx, script.id);
          if (current?.currentVersion !== script.currentVersion) return null;
          const revision = await tx.get<number>(revisionKey(script.id));
          const now = cx.now();
          let n = 0;
          for (const { id } of chunk) {
            const scene = await scenes.get(tx, id);
            if (scene === null) continue;
            const tags = rewrittenTags(
              scene.breakdown[category],
              keys,
              element.name,
            );
            if (tags === scene.breakdown[category]) continue;
            const { after } = await scenes.update(tx, id, (s) => ({
              breakdown: { ...s.breakdown, [category]: tags },
            }), { now });
            tx.recordChange({
              collection: scenes.name,
              record: after,
              actor: cx.actor,
              action: "updated",
              changes: diffFields(scene, after, [field]),
            });
            emit(tx, cx, "script_update", {}, {
              action: "scene_updated",
              scene: after,
            });
            n++;
          }
          if (n > 0) tx.set(revisionKey(script.id), (revision.value ?? 0) + 1);
          return n;
        });
        if (result === null) moved = true;
        else changed += result;
      }
      if (moved) break;
    }
    if (!moved) return changed;
  }
  return changed;
}

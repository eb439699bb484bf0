/**
 * Staging an import's scenes under an `importId` no draft names yet (so
 * nothing lists or patches them until the publishing commit), and deleting
 * the staged scenes of an import that failed or whose process died. See
 * import.ts for the whole protocol.
 *
 * @module
 */
import { COMMIT_LIMITS } from "@/lib/store/kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import type { PlannedScene } from "./diff.ts";
import { jsonBytes, scenes } from "./store.ts";

/** Staging commits: at most this many scenes … */
const STAGE_SCENES = 40;
/** … and this many bytes of JSON. */
const STAGE_BYTES = 500_000;
/** An import marker older than this belongs to a crashed import. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** The key marking an import in progress (deleted when it publishes). */
export function markerKey(importId: string): Deno.KvKey {
  return ["script_imports", importId];
}

/** When an import started, and for which script. */
export interface ImportMarker {
  scriptId: string;
  startedAt: number;
}

/**
 * Deletes staged scene records (and their index entries), ten per commit:
 * each delete reads (and so checks) its record.
 */
export async function deleteStaged(
  kv: Deno.Kv,
  ids: string[],
  importId: string,
) {
  for (let i = 0; i < ids.length; i += COMMIT_LIMITS.checks) {
    const chunk = ids.slice(i, i + COMMIT_LIMITS.checks);
    await transact(kv, async (tx) => {
      for (const id of chunk) {
        if ((await scenes.get(tx, id)) !== null) await scenes.remove(tx, id);
      }
    });
  }
  await kv.delete(markerKey(importId));
}

/**
 * Deletes the staged scenes of imports that never finished (their process
 * died) and started more than an hour ago. Finished imports delete their
 * marker in their last commit, so a marker that old is an abandoned import.
 */
export async function sweepAbandonedImports(
  kv: Deno.Kv,
  now = Date.now(),
): Promise<number> {
  let swept = 0;
  for await (
    const entry of kv.list<ImportMarker>({ prefix: ["script_imports"] })
  ) {
    const marker = entry.value;
    if (now - marker.startedAt < ABANDONED_AFTER_MS) continue;
    const importId = entry.key[1] as string;
    const staged = await scenes.findBy(kv, "draft", marker.scriptId, importId);
    await deleteStaged(kv, staged.map((s) => s.id), importId);
    swept++;
  }
  return swept;
}

/** Writes a draft's scenes under `importId`, invisible until published. */
export async function stage(
  kv: Deno.Kv,
  planned: PlannedScene[],
  base: { scriptId: string; draftVersion: number; importId: string },
  now: Date,
  staged: string[],
) {
  let i = 0;
  while (i < planned.length) {
    const chunk: PlannedScene[] = [];
    let bytes = 0;
    while (i < planned.length && chunk.length < STAGE_SCENES) {
      const size = jsonBytes(planned[i]);
      if (chunk.length > 0 && bytes + size > STAGE_BYTES) break;
      chunk.push(planned[i++]);
      bytes += size;
    }
    const ids = chunk.map(() => crypto.randomUUID());
    // Recorded before the commit: if it fails halfway through a retry, the
    // clean-up tries these ids too (deleting an absent id is a no-op).
    staged.push(...ids);
    await transact(kv, async (tx) => {
      for (const [k, scene] of chunk.entries()) {
        await scenes.insert(tx, { ...scene, ...base }, {
          id: ids[k],
          now,
          fresh: true,
        });
      }
    });
  }
}

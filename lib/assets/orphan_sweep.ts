/**
 * Removing orphan chunk sets: bytes that belong to no asset and no live
 * upload (a failed upload whose clean-up did not finish, a crashed
 * process, a deletion cut short). The services run
 * {@linkcode scheduleOrphanSweep} while they are open.
 *
 * @module
 */
import {
  assets,
  deleteChunks,
  UPLOAD_MARK_TTL_MS,
  type UploadMark,
  uploadMarkKey,
} from "./store.ts";

/** What {@linkcode sweepOrphanChunks} removed. */
export interface SweepResult {
  /** Chunk sets (uploads or deleted assets) removed. */
  sets: number;
  /** Chunk keys deleted (an upper bound: gaps count too). */
  chunks: number;
}

/**
 * Deletes chunk sets that belong to no asset and no live upload: a failed
 * upload whose clean-up did not finish, a crashed process, a deletion cut
 * short. An upload counts as live while its mark exists and was renewed
 * within `olderThanMs` (default: the mark's own 1 h lifetime). Each delete
 * commit re-checks that no record appeared and the mark did not change, so
 * the sweep never races an upload that is finishing.
 *
 * @example
 * ```ts
 * await sweepOrphanChunks(kv, { olderThanMs: 60 * 60 * 1000 });
 * ```
 */
export async function sweepOrphanChunks(
  kv: Deno.Kv,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<SweepResult> {
  const olderThanMs = options.olderThanMs ?? UPLOAD_MARK_TTL_MS;
  const cutoff = (options.now ?? Date.now()) - olderThanMs;
  const result: SweepResult = { sets: 0, chunks: 0 };
  let after: Deno.KvKey | null = null;
  for (;;) {
    // One chunk per set: skip past the set by starting after its last
    // possible index (booleans sort after numbers in KV keys).
    const selector: Deno.KvListSelector = after === null
      ? { prefix: ["asset_chunks"] }
      : { prefix: ["asset_chunks"], start: after };
    let id: string | null = null;
    for await (const entry of kv.list(selector, { limit: 1 })) {
      id = String(entry.key[1]);
    }
    if (id === null) break;
    after = ["asset_chunks", id, true];
    const [record, mark] = await kv.getMany<[unknown, UploadMark]>([
      assets.key(id),
      uploadMarkKey(id),
    ]);
    if (record.value !== null) continue;
    if (mark.value !== null && mark.value.renewedAt > cutoff) continue;
    let last = -1;
    for await (
      const entry of kv.list({ prefix: ["asset_chunks", id] }, {
        reverse: true,
        limit: 1,
      })
    ) last = Number(entry.key[2]);
    const done = await deleteChunks(kv, id, last + 1, {
      key: uploadMarkKey(id),
      versionstamp: mark.versionstamp,
    });
    if (done) {
      result.sets++;
      result.chunks += last + 1;
    }
  }
  return result;
}

/**
 * Runs {@linkcode sweepOrphanChunks} on each store `views` lists (every
 * production's view, read again each time) now and then every `everyMs`
 * (default 15 min) without keeping the process alive; returns a function
 * that stops it. For the integrator to start with the services.
 */
export function scheduleOrphanSweep(
  views: () => Promise<Deno.Kv[]>,
  options: { everyMs?: number; olderThanMs?: number } = {},
): () => void {
  let running = false;
  let stopped = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      for (const kv of await views()) {
        if (stopped) break;
        await sweepOrphanChunks(kv, { olderThanMs: options.olderThanMs });
      }
    } catch (error) {
      // Stopped mid-sweep, the store may close under it: not a failure.
      if (!stopped) console.error("asset orphan sweep failed", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(sweep, options.everyMs ?? 15 * 60 * 1000);
  Deno.unrefTimer(timer);
  sweep();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

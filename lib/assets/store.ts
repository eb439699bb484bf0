/**
 * Production files (DESIGN §3 "assets") in Deno KV: the asset records and
 * the keys of their bytes. A file's bytes are stored as chunks of
 * `CHUNK_BYTES` (shared.ts) under `["asset_chunks", assetId, index]`; while an
 * upload runs, `["asset_uploads", uploadId]` marks it as live. A chunk set
 * with neither an asset record nor a live mark is an orphan (see
 * `orphan_sweep.ts`). Repositories and transactions only: who may do what
 * is decided in `service.ts`.
 *
 * @module
 */
import type { z } from "zod";
import { Repository } from "@/lib/store/repository.ts";
import type { Asset } from "./shared.ts";
import { type AssetQuerySchema, AssetSchema } from "./schemas.ts";

/** How long an upload mark lives without being renewed. */
export const UPLOAD_MARK_TTL_MS = 60 * 60 * 1000;
/** Chunk deletions per atomic commit. */
const DELETE_BATCH = 100;

/** Asset records, findable by uploader and by category. */
export const assets = new Repository<Asset>({
  name: "assets",
  schema: AssetSchema,
  indexes: [
    { name: "uploader", key: (a) => [a.uploaderId] },
    { name: "category", key: (a) => [a.category] },
  ],
});

/** The key of one stored chunk of an asset (or of an upload in progress). */
export function chunkKey(assetId: string, index: number): Deno.KvKey {
  return ["asset_chunks", assetId, index];
}

/** The key marking an upload as live. */
export function uploadMarkKey(uploadId: string): Deno.KvKey {
  return ["asset_uploads", uploadId];
}

/** The value of an upload mark. */
export interface UploadMark {
  startedAt: number;
  renewedAt: number;
  uploaderId: string;
}

/**
 * Deletes chunks `0 … count-1` of `assetId`, {@linkcode DELETE_BATCH} per
 * commit, each commit checking that no asset record exists under that id
 * (so a clean-up can never eat a live asset's bytes); `extraCheck` (an
 * upload mark) is checked and deleted with the first batch. Returns false
 * if a check failed.
 */
export async function deleteChunks(
  kv: Deno.Kv,
  assetId: string,
  count: number,
  extraCheck?: Deno.AtomicCheck,
): Promise<boolean> {
  if (count === 0 && extraCheck === undefined) return true;
  let start = 0;
  do {
    const op = kv.atomic()
      .check({ key: assets.key(assetId), versionstamp: null });
    if (extraCheck !== undefined) {
      op.check(extraCheck).delete(extraCheck.key);
    }
    const end = Math.min(count, start + DELETE_BATCH);
    for (let i = start; i < end; i++) op.delete(chunkKey(assetId, i));
    if (!(await op.commit()).ok) return false;
    // Once the mark is gone, later batches need only the record check.
    extraCheck = undefined;
    start = end;
  } while (start < count);
  return true;
}

/** Newest first (then by id, for a stable order). */
function newestFirst(a: Asset, b: Asset): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Every asset, filtered, newest first (all roles read them all). */
export async function listAssets(
  kv: Deno.Kv,
  query: z.infer<typeof AssetQuerySchema> = {},
): Promise<Asset[]> {
  const found = query.uploader !== undefined
    ? await assets.findBy(kv, "uploader", query.uploader)
    : query.category !== undefined
    ? await assets.findBy(kv, "category", query.category)
    : await assets.list(kv);
  return found.filter((a) =>
    query.category === undefined || a.category === query.category
  ).sort(newestFirst);
}

/**
 * The bytes of `asset` as a stream that reads one chunk at a time as the
 * consumer pulls (bounded memory, whatever the file size). The stream
 * errors if a chunk is missing or the sizes do not add up (e.g. the asset
 * was deleted mid-download), so a client never takes a short file for a
 * whole one.
 */
export function assetBytes(
  kv: Deno.Kv,
  asset: Asset,
): ReadableStream<Uint8Array> {
  let index = 0;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const entry = await kv.get<Uint8Array>(chunkKey(asset.id, index));
      const bytes = entry.value;
      if (!(bytes instanceof Uint8Array)) {
        controller.error(
          new Error(`asset ${asset.id}: chunk ${index} is missing`),
        );
        return;
      }
      index++;
      sent += bytes.byteLength;
      const last = index === asset.chunks;
      if (sent > asset.size || (last && sent !== asset.size)) {
        controller.error(new Error(`asset ${asset.id}: size mismatch`));
        return;
      }
      controller.enqueue(bytes);
      if (last) controller.close();
    },
  }, { highWaterMark: 1 });
}

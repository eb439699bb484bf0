/**
 * The assets module's operations, as routes call them: each takes the
 * request's {@linkcode ServiceContext}, authorizes from the policy table
 * and throws domain errors (a missing file is `NotFoundError`,
 * never null).
 *
 * @module
 */
import type { z } from "zod";
import {
  assertCan,
  emit,
  requireRecord,
  type ServiceContext,
} from "@/lib/service.ts";
import { transact } from "@/lib/store/transaction.ts";
import type { AssetQuerySchema } from "./schemas.ts";
import type { Asset } from "./shared.ts";
import { assetBytes, assets, deleteChunks, listAssets } from "./store.ts";
import { storeAsset, type UploadInput } from "./upload.ts";
import type { UploadObservers } from "./upload_progress.ts";

/** What a missing asset is called: "No such file". */
const FILE = "file";

/** Every file (all roles read them all), filtered, newest first. */
export async function listFiles(
  cx: ServiceContext,
  query: z.infer<typeof AssetQuerySchema> = {},
): Promise<Asset[]> {
  assertCan(cx, "assets", "read", undefined, "Your role may not see files");
  return await listAssets(cx.kv, query);
}

/** One file's metadata; `NotFoundError` when there is none. */
export async function getFile(cx: ServiceContext, id: string): Promise<Asset> {
  assertCan(cx, "assets", "read", undefined, "Your role may not see files");
  return await requireRecord(assets, cx.kv, id, FILE);
}

/**
 * A file's metadata and its bytes as a stream read one chunk at a time as
 * the consumer pulls; the stream errors rather than end short (a chunk
 * missing, the file deleted mid-download). `NotFoundError` when
 * there is no such file.
 */
export async function openFile(
  cx: ServiceContext,
  id: string,
): Promise<{ asset: Asset; body: ReadableStream<Uint8Array> }> {
  const asset = await getFile(cx, id);
  return { asset, body: assetBytes(cx.kv, asset) };
}

/**
 * Uploads a file for the actor (every role may, by the policy table):
 * see {@linkcode storeAsset} for how the bytes are stored. The body is
 * cancelled, unread, when the actor may not upload. `observers` hear the
 * upload's progress.
 *
 * @example
 * ```ts
 * const asset = await uploadFile(cx, {
 *   name: "storyboard-12.png",
 *   body: req.body!,
 *   declaredLength: 48_213, // Content-Length, when the client sent one
 * }, services.uploads);
 * ```
 */
export async function uploadFile(
  cx: ServiceContext,
  input: UploadInput,
  observers?: UploadObservers,
): Promise<Asset> {
  try {
    assertCan(
      cx,
      "assets",
      "upload",
      undefined,
      "Your role may not upload files",
    );
  } catch (error) {
    await input.body.cancel().catch(() => {});
    throw error;
  }
  return await storeAsset(cx.kv, cx.actor, input, {
    emit: true,
    now: cx.now(),
    observers,
  });
}

/**
 * Deletes a file: its uploader, or the production office (DESIGN §3). The
 * record and its `asset_update` ("deleted") event commit together; the
 * chunks go afterwards in batches (what a crash leaves behind is an orphan
 * for `orphan_sweep.ts`). Not found, forbidden, or a conflict on a stale
 * `ifVersion`.
 */
export async function deleteFile(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<Asset> {
  const { result } = await transact(cx.kv, async (tx) => {
    const current = await requireRecord(assets, tx, id, FILE);
    assertCan(
      cx,
      "assets",
      "delete",
      { uploaderId: current.uploaderId },
      "Only the uploader or the production office may delete this file",
    );
    const removed = await assets.remove(tx, id, { ifVersion });
    emit(tx, cx, "asset_update", {}, { action: "deleted", asset: removed });
    return removed;
  });
  try {
    await deleteChunks(cx.kv, id, result.chunks);
  } catch (error) {
    console.error(`asset ${id}: chunk clean-up failed`, error);
  }
  return result;
}

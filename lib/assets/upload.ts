/**
 * The upload path: a file streamed in is written chunk by chunk
 * (`chunk_writer.ts`) and its asset record and `asset_update` event are
 * committed together only once every byte is stored, so an asset is either
 * wholly there or not there at all. Who may upload is decided by
 * `service.ts`; seed data calls {@linkcode storeAsset} directly.
 *
 * @module
 */
import { productionIdOf } from "@/lib/production/store.ts";
import { ValidationError } from "@/lib/errors.ts";
import type { Actor } from "@/lib/policy.ts";
import { emit, serviceContext } from "@/lib/service.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact } from "@/lib/store/transaction.ts";
import { ChunkWriter, expired, tooLarge } from "./chunk_writer.ts";
import { sanitizeFileName } from "./schemas.ts";
import {
  type Asset,
  type AssetCategory,
  type AssetMime,
  DEFAULT_MAX_UPLOAD_BYTES,
  type UploadProgress,
} from "./shared.ts";
import { assets, uploadMarkKey } from "./store.ts";
import { safely, type UploadObservers } from "./upload_progress.ts";

/**
 * The upload limit in effect for a configuration: its `maxUploadBytes`
 * when set (`PRODSIGHT_MAX_UPLOAD_BYTES`), else
 * {@linkcode DEFAULT_MAX_UPLOAD_BYTES}.
 */
export function uploadLimit(config: object): number {
  const value = (config as { maxUploadBytes?: unknown }).maxUploadBytes;
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0
    ? value
    : DEFAULT_MAX_UPLOAD_BYTES;
}

/** Who uploads: the policy's actor plus the name shown on the asset. */
export interface Uploader extends Actor {
  name: string;
}

/** What an upload needs besides the store and the uploader. */
export interface UploadInput {
  /** The client's file name; sanitised here. */
  name: string;
  /** Defaults from the sniffed type (see {@linkcode defaultCategory}). */
  category?: AssetCategory;
  /** The file's bytes. */
  body: ReadableStream<Uint8Array>;
  /** The size the client announced (Content-Length), if any. */
  declaredLength?: number;
  /** Refuse (413) past this many bytes; default {@linkcode DEFAULT_MAX_UPLOAD_BYTES}. */
  maxBytes?: number;
  /** Bytes received so far; at most every ~10 % / 1 MiB, and at the end. */
  onProgress?: (bytes: number) => void;
}

/** How {@linkcode storeAsset} records the upload. */
export interface StoreOptions {
  /** Log an `asset_update` event and tell `observers` (not for seed data). */
  emit: boolean;
  /** The record's creation time; now unless given. */
  now?: Date;
  /** Who watches uploads in this process (when `emit`). */
  observers?: UploadObservers;
}

/** The category a file gets when the uploader names none. */
export function defaultCategory(mime: AssetMime, name: string): AssetCategory {
  if (mime === "text/plain") {
    return /\.fountain$/i.test(name) ? "script" : "document";
  }
  if (mime === "application/pdf") return "document";
  if (mime.startsWith("image/")) return "still";
  if (mime.startsWith("audio/")) return "audio";
  if (mime.startsWith("video/")) return "footage";
  return "other";
}

/**
 * Stores a file streamed from `input.body` and commits its asset record
 * (with one `asset_update` "uploaded" event when `options.emit`), without a
 * permission check. Memory stays bounded: bytes are re-chunked and each
 * chunk written in its own commit as it fills, hashed incrementally. The
 * type is sniffed before anything is stored (415); the size is enforced as
 * bytes arrive, whatever was declared (413). On any failure the chunks
 * written so far are deleted and the error is rethrown; no asset record
 * exists until the very last commit.
 *
 * @example
 * ```ts
 * await storeAsset(kv, producer, { name: "call-sheet.pdf", body }, { emit: false });
 * ```
 */
export async function storeAsset(
  kv: Deno.Kv,
  uploader: Uploader,
  input: UploadInput,
  options: StoreOptions,
): Promise<Asset> {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const name = sanitizeFileName(input.name);
  if (name === "") {
    await input.body.cancel().catch(() => {});
    throw new ValidationError([
      { path: ["name"], message: "Give the file a name" },
    ]);
  }
  if (input.declaredLength !== undefined && input.declaredLength > maxBytes) {
    await input.body.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  const uploadId = crypto.randomUUID();
  const total = input.declaredLength ?? null;
  const observers = options.emit ? options.observers : undefined;
  const report = (bytes: number, phase: UploadProgress["phase"]) => {
    if (phase === "uploading") safely(() => input.onProgress?.(bytes));
    observers?.report({
      uploadId,
      productionId: productionIdOf(kv),
      uploader: { id: uploader.id, name: uploader.name },
      name,
      bytes,
      total,
      phase,
    });
  };
  const upload = new ChunkWriter(kv, uploadId, uploader.id);
  try {
    const stored = await upload.write(input.body, {
      maxBytes,
      declaredLength: input.declaredLength,
      onProgress: (bytes) => report(bytes, "uploading"),
    });
    const { result } = await transact(kv, async (tx) => {
      const mark = await tx.get(uploadMarkKey(uploadId));
      if (mark.versionstamp !== upload.markStamp) throw expired();
      const asset = await assets.insert(tx, {
        name,
        size: stored.size,
        mime: stored.mime,
        category: input.category ?? defaultCategory(stored.mime, name),
        sha256: stored.sha256,
        uploaderId: uploader.id,
        uploaderName: uploader.name,
        chunks: stored.chunks,
        status: "ready",
      }, { id: uploadId, now: options.now });
      tx.delete(uploadMarkKey(uploadId));
      tx.recordChange({
        collection: assets.name,
        record: asset,
        actor: uploader,
        action: "created",
        changes: diffFields(null, asset, ["name", "size", "mime", "category"]),
      });
      if (options.emit) {
        emit(tx, serviceContext(kv, uploader), "asset_update", {}, {
          action: "uploaded",
          asset,
        });
      }
      return asset;
    });
    report(result.size, "done");
    return result;
  } catch (error) {
    await upload.discard();
    report(upload.received, "failed");
    throw error;
  }
}

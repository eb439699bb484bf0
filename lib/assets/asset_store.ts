/**
 * Production files (DESIGN §3 "assets") in Deno KV. A file's bytes are
 * stored as chunks of {@linkcode CHUNK_BYTES} under
 * `["asset_chunks", assetId, index]`, written one small commit at a time as
 * the upload streams in; the asset record and its `asset_update` event are
 * committed together only once every byte is stored, so an asset is either
 * wholly there or not there at all.
 *
 * While an upload runs, `["asset_uploads", uploadId]` marks it as live (and
 * every chunk commit checks that mark); a chunk set with neither an asset
 * record nor a live mark is an orphan, removed by the upload's own clean-up
 * or, failing that, by {@linkcode sweepOrphanChunks}.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { ApiError } from "@/lib/http/errors.ts";
import { type Actor, audienceFor, can } from "@/lib/policy.ts";
import { Repository } from "@/lib/store/repository.ts";
import { transact } from "@/lib/store/transaction.ts";
import { diffFields } from "@/lib/store/history.ts";
import { eventActor } from "@/lib/event_actor.ts";
import {
  type Asset,
  type AssetCategory,
  type AssetMime,
  type AssetQuerySchema,
  AssetSchema,
  sanitizeFileName,
} from "./schemas.ts";
import { sniffMime, TextValidator } from "./sniff.ts";

/** Bytes per stored chunk: 60 KiB, below KV's 64 KiB value limit. */
export const CHUNK_BYTES = 60 * 1024;
/** Upload limit unless configured otherwise (`PRODSIGHT_MAX_UPLOAD_BYTES`). */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** How long an upload mark lives without being renewed. */
export const UPLOAD_MARK_TTL_MS = 60 * 60 * 1000;
/** An upload renews its mark at most this often (on a chunk write). */
const MARK_RENEW_MS = 60 * 1000;
/** Chunk deletions per atomic commit. */
const DELETE_BATCH = 100;
const MIB = 1024 * 1024;

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

interface UploadMark {
  startedAt: number;
  renewedAt: number;
  uploaderId: string;
}

/**
 * The upload limit in effect for a configuration: its `maxUploadBytes`
 * when set (once `lib/config.ts` reads `PRODSIGHT_MAX_UPLOAD_BYTES`), else
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

/** An upload's progress, for observers (e.g. a realtime "uploading" frame). */
export interface UploadProgress {
  uploadId: string;
  uploader: { id: string; name: string };
  /** The sanitised file name. */
  name: string;
  /** Bytes received so far. */
  bytes: number;
  /** The declared size, when the client sent one. */
  total: number | null;
  /** `done` when the asset exists, `failed` when the upload was discarded. */
  phase: "uploading" | "done" | "failed";
}

type ProgressListener = (progress: UploadProgress) => void;
const progressListeners = new WeakMap<Deno.Kv, Set<ProgressListener>>();

/**
 * Calls `listener` as uploads into `kv` progress in this process (at most
 * every ~10 % of the declared size and at least 1 MiB apart), once more when
 * each finishes (`done`/`failed`). This is the hook for an ephemeral
 * "X is uploading … 40 %" frame; returns a function that stops observing.
 *
 * @example
 * ```ts
 * observeUploadProgress(kv, (p) => hub.ephemeral("asset_progress", p));
 * ```
 */
export function observeUploadProgress(
  kv: Deno.Kv,
  listener: ProgressListener,
): () => void {
  let set = progressListeners.get(kv);
  if (set === undefined) progressListeners.set(kv, set = new Set());
  set.add(listener);
  return () => set.delete(listener);
}

/** What {@linkcode uploadAsset} needs besides the store and the uploader. */
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

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    "payload_too_large",
    `The file is larger than the upload limit of ${maxBytes} bytes`,
    { maxBytes },
  );
}

function unsupported(): ApiError {
  return new ApiError(
    415,
    "unsupported_media_type",
    "This kind of file is not accepted: upload PDF, PNG, JPEG, GIF, WebP, " +
      "MP3, WAV, MP4/MOV or UTF-8 text",
  );
}

/**
 * Stores a file streamed from `input.body` and commits its asset record
 * with one `asset_update` ("uploaded") event. Memory stays bounded: bytes
 * are re-chunked into {@linkcode CHUNK_BYTES} pieces, each written in its
 * own commit as it fills, and hashed incrementally. The type is sniffed from
 * the first chunk before anything is stored (415); the size is enforced as
 * bytes arrive, whatever was declared (413). On any failure (limit, type,
 * stream error, store error) the chunks written so far are deleted and the
 * error is rethrown; no asset record exists until the very last commit.
 *
 * @example
 * ```ts
 * const asset = await uploadAsset(kv, user, {
 *   name: "storyboard-12.png",
 *   body: req.body!,
 *   declaredLength: 48_213, // Content-Length, when the client sent one
 *   onProgress: (bytes) => console.log(`${bytes} bytes in`),
 * });
 * ```
 */
export async function uploadAsset(
  kv: Deno.Kv,
  actor: Uploader,
  input: UploadInput,
): Promise<Asset> {
  if (!can(actor, "assets", "upload")) {
    await input.body.cancel().catch(() => {});
    throw new ApiError(403, "forbidden", "Your role may not upload files");
  }
  return await storeAsset(kv, actor, input, { emit: true });
}

/**
 * The upload path itself, without the permission check. `emit: false`
 * stores without an event and without telling progress observers (seed
 * data: the state the production starts from).
 */
export async function storeAsset(
  kv: Deno.Kv,
  uploader: Uploader,
  input: UploadInput,
  options: { emit: boolean; now?: Date },
): Promise<Asset> {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const name = sanitizeFileName(input.name);
  if (name === "") {
    await input.body.cancel().catch(() => {});
    throw new ApiError(400, "validation", "Give the file a name", [
      { path: ["name"], message: "Give the file a name" },
    ]);
  }
  if (input.declaredLength !== undefined && input.declaredLength > maxBytes) {
    await input.body.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  const uploadId = crypto.randomUUID();
  const total = input.declaredLength ?? null;
  const listeners = options.emit ? progressListeners.get(kv) : undefined;
  const report = (bytes: number, phase: UploadProgress["phase"]) => {
    if (phase === "uploading") safely(() => input.onProgress?.(bytes));
    for (const listener of listeners ?? []) {
      safely(() =>
        listener({
          uploadId,
          uploader: { id: uploader.id, name: uploader.name },
          name,
          bytes,
          total,
          phase,
        })
      );
    }
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
      if (options.emit) tx.emit(assetEvent("uploaded", asset, uploader));
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

function safely(fn: () => void) {
  try {
    fn();
  } catch (error) {
    // A progress observer's bug must not fail the upload.
    console.error(error);
  }
}

function expired(): ApiError {
  return new ApiError(
    409,
    "upload_expired",
    "The upload stalled for too long and was discarded; try again",
  );
}

/** What was stored by a {@linkcode ChunkWriter}. */
interface Stored {
  size: number;
  sha256: string;
  mime: AssetMime;
  chunks: number;
}

/**
 * Streams a body into chunks under one upload id, keeping at most one
 * partial chunk in memory, and can take back what it wrote.
 */
class ChunkWriter {
  #kv: Deno.Kv;
  #id: string;
  #uploaderId: string;
  #startedAt = Date.now();
  #renewedAt = 0;
  /** Versionstamp of the upload mark as last written; null before any chunk. */
  markStamp: string | null = null;
  /** Chunk writes attempted (the last may or may not have committed). */
  #attempted = 0;
  /** Bytes read from the body. */
  received = 0;

  constructor(kv: Deno.Kv, id: string, uploaderId: string) {
    this.#kv = kv;
    this.#id = id;
    this.#uploaderId = uploaderId;
  }

  async write(
    body: ReadableStream<Uint8Array>,
    options: {
      maxBytes: number;
      declaredLength?: number;
      onProgress: (bytes: number) => void;
    },
  ): Promise<Stored> {
    const { maxBytes, declaredLength } = options;
    const hash = createHash("sha256");
    // Report every ~10 % of a declared size, never more often than 1 MiB.
    const step = declaredLength ? Math.max(declaredLength / 10, MIB) : MIB;
    let nextReport = step;
    let reported = -1;
    let mime: AssetMime | null = null;
    let text: TextValidator | null = null;
    // One buffer for the whole upload: a commit has consumed its value
    // once it resolves, so the buffer is refilled rather than reallocated
    // (less garbage for the GC to chase on a busy server).
    const pending = new Uint8Array(CHUNK_BYTES);
    let fill = 0;
    let chunks = 0;

    const flush = async () => {
      const piece = fill === CHUNK_BYTES ? pending : pending.subarray(0, fill);
      if (mime === null) {
        // The first chunk decides the type, before anything is stored.
        mime = sniffMime(piece);
        if (mime === null) {
          text = new TextValidator();
          mime = "text/plain";
        }
      }
      if (text !== null && !text.push(piece)) throw unsupported();
      hash.update(piece);
      await this.#writeChunk(chunks, piece);
      chunks++;
      fill = 0;
    };

    const reader = body.getReader();
    try {
      for (;;) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (cause) {
          throw new ApiError(
            400,
            "upload_interrupted",
            "The upload was interrupted before the whole file arrived",
            { cause: String(cause) },
          );
        }
        if (next.done) break;
        const data = next.value;
        if (!(data instanceof Uint8Array)) {
          throw new ApiError(400, "bad_request", "The body must be bytes");
        }
        this.received += data.byteLength;
        if (this.received > maxBytes) throw tooLarge(maxBytes);
        for (let offset = 0; offset < data.byteLength;) {
          const n = Math.min(CHUNK_BYTES - fill, data.byteLength - offset);
          pending.set(data.subarray(offset, offset + n), fill);
          fill += n;
          offset += n;
          if (fill === CHUNK_BYTES) await flush();
        }
        if (this.received >= nextReport) {
          nextReport = this.received + step;
          reported = this.received;
          options.onProgress(this.received);
        }
      }
    } catch (error) {
      await reader.cancel(error).catch(() => {});
      throw error;
    } finally {
      reader.releaseLock();
    }
    if (fill > 0) await flush();
    if (this.received === 0) {
      throw new ApiError(400, "validation", "The file is empty");
    }
    if (text !== null && !(text as TextValidator).end()) throw unsupported();
    if (declaredLength !== undefined && this.received !== declaredLength) {
      throw new ApiError(
        400,
        "length_mismatch",
        `The body has ${this.received} bytes, not the declared ${declaredLength}`,
      );
    }
    if (reported !== this.received) options.onProgress(this.received);
    return {
      size: this.received,
      sha256: hash.digest("hex"),
      mime: mime!,
      chunks,
    };
  }

  async #writeChunk(index: number, bytes: Uint8Array) {
    const now = Date.now();
    const op = this.#kv.atomic()
      .check({ key: uploadMarkKey(this.#id), versionstamp: this.markStamp });
    const renew = now - this.#renewedAt >= MARK_RENEW_MS;
    if (renew) {
      const mark: UploadMark = {
        startedAt: this.#startedAt,
        renewedAt: now,
        uploaderId: this.#uploaderId,
      };
      op.set(uploadMarkKey(this.#id), mark, { expireIn: UPLOAD_MARK_TTL_MS });
    }
    op.set(chunkKey(this.#id, index), bytes);
    this.#attempted = index + 1;
    const result = await op.commit();
    // The mark changed under us: the sweeper (or expiry) gave up on us.
    if (!result.ok) throw expired();
    if (renew) {
      this.markStamp = result.versionstamp;
      this.#renewedAt = now;
    }
  }

  /** Best effort: deletes every chunk written and the mark. */
  async discard() {
    try {
      await deleteChunks(this.#kv, this.#id, this.#attempted);
      await this.#kv.delete(uploadMarkKey(this.#id));
    } catch (error) {
      // Left for sweepOrphanChunks.
      console.error(`asset upload ${this.#id}: clean-up failed`, error);
    }
  }
}

/**
 * Deletes chunks `0 … count-1` of `assetId`, {@linkcode DELETE_BATCH} per
 * commit, each commit checking that no asset record exists under that id
 * (so a clean-up can never eat a live asset's bytes). Returns false if one
 * did.
 */
async function deleteChunks(
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

function assetEvent(
  action: "uploaded" | "deleted",
  asset: Asset,
  actor: { id: string; name?: string },
) {
  return {
    type: "asset_update" as const,
    audience: audienceFor("asset_update"),
    data: { action, asset, by: eventActor(actor) },
  };
}

/** Newest first (then by id, for a stable order). */
function newestFirst(a: Asset, b: Asset): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Every asset (all roles read them all), filtered, newest first. */
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

/** One asset's metadata, or null. */
export async function getAsset(kv: Deno.Kv, id: string): Promise<Asset | null> {
  return await assets.get(kv, id);
}

/**
 * An asset's metadata and its bytes as a stream that reads one chunk at a
 * time as the consumer pulls (bounded memory, whatever the file size). The
 * stream errors if a chunk is missing or the sizes do not add up (e.g. the
 * asset was deleted mid-download), so a client never takes a short file for
 * a whole one. Null when there is no such asset.
 */
export async function openAssetContent(
  kv: Deno.Kv,
  id: string,
): Promise<{ asset: Asset; body: ReadableStream<Uint8Array> } | null> {
  const asset = await assets.get(kv, id);
  if (asset === null) return null;
  let index = 0;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
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
  return { asset, body };
}

/**
 * Deletes an asset: its uploader, or a producer / production manager
 * (DESIGN §3). The record and its `asset_update` ("deleted") event commit
 * together; the chunks go afterwards in batches (anything a crash leaves
 * behind is an orphan for {@linkcode sweepOrphanChunks}). 404 when missing,
 * 403 when not allowed, 409 on a stale `ifVersion`.
 */
export async function deleteAsset(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  ifVersion?: number,
): Promise<Asset> {
  const { result } = await transact(kv, async (tx) => {
    const current = await assets.get(tx, id);
    if (current === null) throw new ApiError(404, "not_found", "No such file");
    if (!can(actor, "assets", "delete", { uploaderId: current.uploaderId })) {
      throw new ApiError(
        403,
        "forbidden",
        "Only the uploader or the production office may delete this file",
      );
    }
    const removed = await assets.remove(tx, id, { ifVersion });
    tx.emit(assetEvent("deleted", removed, actor));
    return removed;
  });
  try {
    await deleteChunks(kv, id, result.chunks);
  } catch (error) {
    console.error(`asset ${id}: chunk clean-up failed`, error);
  }
  return result;
}

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
 * Runs {@linkcode sweepOrphanChunks} now and then every `everyMs` (default
 * 15 min) without keeping the process alive; returns a function that stops
 * it. For the integrator to start with the services.
 */
export function scheduleOrphanSweep(
  kv: Deno.Kv,
  options: { everyMs?: number; olderThanMs?: number } = {},
): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      await sweepOrphanChunks(kv, { olderThanMs: options.olderThanMs });
    } catch (error) {
      console.error("asset orphan sweep failed", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(sweep, options.everyMs ?? 15 * 60 * 1000);
  Deno.unrefTimer(timer);
  sweep();
  return () => clearInterval(timer);
}

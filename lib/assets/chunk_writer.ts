/**
 * Writing an upload's bytes: {@linkcode ChunkWriter} streams a body into
 * {@linkcode CHUNK_BYTES} chunks, one small commit each, under a live
 * upload mark it renews as it goes, and can take back what it wrote.
 *
 * @module
 */
import { createHash } from "node:crypto";
import {
  ConflictError,
  TooLargeError,
  UnsupportedTypeError,
  ValidationError,
} from "@/lib/errors.ts";
import { type AssetMime, CHUNK_BYTES } from "./shared.ts";
import { sniffMime, TextValidator } from "./sniff.ts";
import {
  chunkKey,
  deleteChunks,
  UPLOAD_MARK_TTL_MS,
  type UploadMark,
  uploadMarkKey,
} from "./store.ts";

/** An upload renews its mark at most this often (on a chunk write). */
const MARK_RENEW_MS = 60 * 1000;
const MIB = 1024 * 1024;

/** The file is past the upload limit (413). */
export function tooLarge(maxBytes: number): TooLargeError {
  return new TooLargeError(
    `The file is larger than the upload limit of ${maxBytes} bytes`,
    { maxBytes },
  );
}

/** The bytes are of no accepted type (415). */
export function unsupported(): UnsupportedTypeError {
  return new UnsupportedTypeError(
    "This kind of file is not accepted: upload PDF, PNG, JPEG, GIF, WebP, " +
      "MP3, WAV, MP4/MOV or UTF-8 text",
  );
}

/** The upload's mark changed under it, swept or expired (409). */
export function expired(): ConflictError {
  return new ConflictError(
    "The upload stalled for too long and was discarded; try again",
    "upload_expired",
  );
}

/** What was stored by a {@linkcode ChunkWriter}. */
export interface Stored {
  size: number;
  sha256: string;
  mime: AssetMime;
  chunks: number;
}

/**
 * Streams a body into chunks under one upload id, keeping at most one
 * partial chunk in memory, and can take back what it wrote.
 */
export class ChunkWriter {
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

  /**
   * Stores `body` chunk by chunk: the type is sniffed from the first chunk
   * (415), the size is enforced as bytes arrive (413).
   */
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
          throw new ValidationError(
            [],
            "The upload was interrupted before the whole file arrived",
            "upload_interrupted",
            { cause: String(cause) },
          );
        }
        if (next.done) break;
        const data = next.value;
        if (!(data instanceof Uint8Array)) {
          throw new ValidationError(
            [],
            "The body must be bytes",
            "bad_request",
          );
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
      throw new ValidationError([], "The file is empty");
    }
    if (text !== null && !(text as TextValidator).end()) throw unsupported();
    if (declaredLength !== undefined && this.received !== declaredLength) {
      throw new ValidationError(
        [],
        `The body has ${this.received} bytes, not the declared ${declaredLength}`,
        "length_mismatch",
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

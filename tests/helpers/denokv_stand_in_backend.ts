/**
 * denokv's own SQLite backend, as the `@deno/kv` npm package ships it (a
 * NAPI addon built from denokv's `sqlite` and `proto` crates), for the
 * denokv test stand-in. Requests and answers are the KV Connect data-path
 * protobuf bytes, so the stand-in passes them through untouched; only the
 * addon's errors are turned into the HTTP answers denokv gives for them.
 *
 * Test-only: this is not a product server.
 *
 * @module
 */
// Imported (not only required below) so that Deno installs the package
// and its platform's addon, an optional dependency, into node_modules.
import "@deno/kv";
import { createRequire } from "node:module";

/** The addon's byte-level interface (its own `napi_based` module's shape). */
interface Napi {
  open(path: string, inMemory: boolean, debug: boolean): number;
  close(db: number, debug: boolean): void;
  snapshotRead(
    db: number,
    bytes: Uint8Array,
    debug: boolean,
  ): Promise<Uint8Array<ArrayBuffer>>;
  atomicWrite(
    db: number,
    bytes: Uint8Array,
    debug: boolean,
  ): Promise<Uint8Array<ArrayBuffer>>;
  startWatch(db: number, bytes: Uint8Array, debug: boolean): Promise<number>;
  dequeueNextWatchMessage(
    db: number,
    watch: number,
    debug: boolean,
  ): Promise<Uint8Array<ArrayBuffer> | undefined>;
  endWatch(db: number, watch: number, debug: boolean): void;
}

/**
 * Loads the addon the way the package itself does (its `_napi_index.cjs`
 * picks the platform's optional dependency). The package's `exports` name
 * only its entry point, so the file is required by path beside it.
 */
function loadNapi(): Napi {
  const require = createRequire(import.meta.resolve("@deno/kv"));
  return require("./_napi_index.cjs") as Napi;
}

/** An error denokv answers with: an HTTP status and a plain-text message. */
export class KvConnectError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * denokv's answers (status, text) for the addon's conversion errors, which
 * come from the same `denokv_proto` checks denokv's server runs.
 */
const CONVERT_ERRORS: Record<string, [number, string]> = {
  KeyTooLong: [400, "A key exceeds the key size limit."],
  ValueTooLong: [400, "A value exceeds the value size limit."],
  ReadRangeTooLarge: [
    400,
    "The total number of entries requested across read ranges in the read request is too large.",
  ],
  AtomicWriteTooLarge: [
    400,
    "The total size of the atomic write is too large.",
  ],
  TooManyReadRanges: [
    400,
    "Too many read ranges requested in one read request.",
  ],
  TooManyWatchedKeys: [400, "Too many keys watched in a single watch request."],
  TooManyChecks: [400, "Too many checks included in atomic write."],
  TooManyMutations: [
    400,
    "Too many mutations / enqueues included in atomic write.",
  ],
  TooManyQueueUndeliveredKeys: [
    400,
    "Too many dead letter keys for a single queue message.",
  ],
  TooManyQueueBackoffIntervals: [
    400,
    "Too many backoff intervals for a single queue message.",
  ],
  QueueBackoffIntervalTooLarge: [
    400,
    "A backoff interval exceeds the maximum allowed backoff interval.",
  ],
  InvalidReadRangeLimit: [
    400,
    "The read range limit of the snapshot read request is invalid.",
  ],
  InvalidVersionstamp: [400, "Invalid versionstamp."],
  InvalidMutationKind: [400, "Invalid mutation kind or arguments."],
  InvalidMutationExpireAt: [400, "Invalid mutation expire at."],
  InvalidMutationEnqueueDeadline: [400, "Invalid mutation enqueue deadline."],
  DecodeError: [500, "An internal server error occurred."],
};

/**
 * The backend's type-mismatch errors (sum/min/max on the wrong types, a
 * Sum out of range, an unknown value encoding), which denokv answers 400
 * with the message; the addon passes on only the message, so it is matched.
 */
const TYPE_MISMATCH = new RegExp(
  "^(Failed to perform|Cannot |Some of the parameters|Min/max parameters|" +
    "Invalid sum operand|invalid v8 value|unsupported value type|" +
    "operand cannot be empty|The result of a Sum|The value encoding)",
);

/** Turns an addon error into denokv's answer for it. */
export function toKvConnectError(error: unknown): KvConnectError {
  // The addon appends a Rust backtrace after the first line.
  const text = (error instanceof Error ? error.message : String(error))
    .split("\n")[0].trim();
  const known = CONVERT_ERRORS[text];
  if (known) return new KvConnectError(known[0], known[1]);
  if (text.startsWith("failed to decode Protobuf message")) {
    return new KvConnectError(400, `Request protobuf is invalid: ${text}.`);
  }
  if (text === "Database is closed.") {
    return new KvConnectError(
      503,
      "The server is temporarially unavailable, try again later.",
    );
  }
  if (TYPE_MISMATCH.test(text)) return new KvConnectError(400, text);
  console.error(`denokv stand-in: backend error: ${text}`);
  return new KvConnectError(500, "An internal server error occurred.");
}

/** One open SQLite database, served by the stand-in. */
export class Backend {
  #napi: Napi;
  #db: number;
  #closed = false;

  /** Opens (creating if needed) the SQLite file at `path`. */
  constructor(path: string) {
    this.#napi = loadNapi();
    this.#db = this.#napi.open(path, false, false);
  }

  /** `SnapshotRead` bytes in, `SnapshotReadOutput` bytes out. */
  async snapshotRead(request: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    try {
      return await this.#napi.snapshotRead(this.#db, request, false);
    } catch (error) {
      throw toKvConnectError(error);
    }
  }

  /** `AtomicWrite` bytes in, `AtomicWriteOutput` bytes out; limits enforced. */
  async atomicWrite(request: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    try {
      return await this.#napi.atomicWrite(this.#db, request, false);
    } catch (error) {
      throw toKvConnectError(error);
    }
  }

  /**
   * Starts watching the keys of a `Watch` request: `next()` resolves with
   * the next `WatchOutput` bytes (the first at once, then one per change),
   * or undefined when the database closes. `end()` stops it.
   */
  async watch(request: Uint8Array): Promise<WatchHandle> {
    const napi = this.#napi;
    const db = this.#db;
    let id: number;
    try {
      id = await napi.startWatch(db, request, false);
    } catch (error) {
      throw toKvConnectError(error);
    }
    let ended = false;
    return {
      next: async () => {
        try {
          const bytes = await napi.dequeueNextWatchMessage(db, id, false);
          // A wait that was pending when the watch ended puts the addon's
          // stream back when it resolves: drop it again.
          if (ended) napi.endWatch(db, id, false);
          return ended ? undefined : bytes;
        } catch (error) {
          if (ended) return undefined;
          throw toKvConnectError(error);
        }
      },
      end: () => {
        if (ended) return;
        ended = true;
        napi.endWatch(db, id, false);
      },
    };
  }

  /** Closes the database; waits in progress end with "closed". */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#napi.close(this.#db, false);
  }
}

/** A running watch of the backend. */
export interface WatchHandle {
  next(): Promise<Uint8Array<ArrayBuffer> | undefined>;
  end(): void;
}

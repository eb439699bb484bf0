/**
 * The watch endpoint of the denokv test stand-in (NOT a product server):
 * `POST /v2/watch` answers with a stream of frames, each a 4-byte
 * little-endian length and a `WatchOutput` message, the first at once and
 * then one per change of a watched key, with an empty frame (a ping) every
 * 5 s as denokv sends. Tests can cut the open streams, and hold new ones
 * quiet, to see how clients behave when the watch goes away.
 *
 * @module
 */
import {
  type Backend,
  KvConnectError,
  type WatchHandle,
} from "./denokv_stand_in_backend.ts";
import { bytesFields } from "./denokv_stand_in_wire.ts";

const MAX_WATCHED_KEYS = 10;
const MAX_WRITE_KEY_SIZE_BYTES = 2048;
/** denokv sends an empty frame this often so idle streams stay open. */
const PING_MS = 5_000;

/** One open watch response body. */
class WatchStream {
  #controller: ReadableStreamDefaultController<Uint8Array>;
  #handle: WatchHandle | null;
  #ping: ReturnType<typeof setInterval>;
  #onEnd: () => void;
  #done = false;

  constructor(
    controller: ReadableStreamDefaultController<Uint8Array>,
    handle: WatchHandle | null,
    onEnd: () => void,
  ) {
    this.#controller = controller;
    this.#handle = handle;
    this.#onEnd = onEnd;
    this.#ping = setInterval(() => this.#send(new Uint8Array()), PING_MS);
    if (handle) this.#pump(handle).catch((error) => this.finish(error));
  }

  async #pump(handle: WatchHandle): Promise<void> {
    while (!this.#done) {
      const output = await handle.next();
      if (output === undefined) return this.finish();
      this.#send(output);
    }
  }

  #send(message: Uint8Array): void {
    if (this.#done) return;
    const frame = new Uint8Array(4 + message.length);
    new DataView(frame.buffer).setUint32(0, message.length, true);
    frame.set(message, 4);
    this.#controller.enqueue(frame);
  }

  /**
   * Ends the stream: the body ends (a cut, the client leaving, the store
   * closing: Deno's client watches again after each), or fails with
   * `error` when the backend did.
   */
  finish(error?: Error): void {
    if (this.#done) return;
    this.#done = true;
    clearInterval(this.#ping);
    this.#handle?.end();
    this.#onEnd();
    try {
      if (error) this.#controller.error(error);
      else this.#controller.close();
    } catch {
      // The client already went away.
    }
  }
}

/** The open watch streams of one server. */
export class WatchStreams {
  #backend: Backend;
  #onOpen: (held: boolean) => void;
  #open = new Set<WatchStream>();
  #hold = false;

  /** `onOpen` hears of each stream that opens (and whether it is held). */
  constructor(backend: Backend, onOpen: (held: boolean) => void) {
    this.#backend = backend;
    this.#onOpen = onOpen;
  }

  /** Answers one watch request (`Watch` bytes), with denokv's checks. */
  async respond(request: Uint8Array): Promise<Response> {
    let keys: Uint8Array[];
    try {
      keys = bytesFields(request, 1).map((key) =>
        bytesFields(key, 1)[0] ?? new Uint8Array()
      );
    } catch (error) {
      throw new KvConnectError(400, `Request protobuf is invalid: ${error}.`);
    }
    // The addon's watch skips denokv's conversion checks: make them here.
    if (keys.length > MAX_WATCHED_KEYS) {
      throw new KvConnectError(
        400,
        "Too many keys watched in a single watch request.",
      );
    }
    if (keys.some((key) => key.length > MAX_WRITE_KEY_SIZE_BYTES)) {
      throw new KvConnectError(400, "A key exceeds the key size limit.");
    }
    const handle = this.#hold ? null : await this.#backend.watch(request);
    let stream: WatchStream;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        stream = new WatchStream(
          controller,
          handle,
          () => this.#open.delete(stream),
        );
        this.#open.add(stream);
        this.#onOpen(handle === null);
      },
      cancel: () => stream.finish(),
    });
    return new Response(body, {
      headers: { "content-type": "application/octet-stream" },
    });
  }

  /**
   * Ends every open stream; with `hold`, streams opened from now on carry
   * no data (only pings) until the next call without it. Returns how many
   * streams were cut.
   */
  cut(hold = false): number {
    this.#hold = hold;
    const open = [...this.#open];
    for (const stream of open) stream.finish();
    return open.length;
  }
}

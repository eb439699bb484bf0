/**
 * Cooperative time slicing for the parser. A 2 MiB script can take a
 * second or more to parse; run in one go, that time blocks every other
 * request the server is handling. Each parse stage calls `due()` once per
 * line or element and, when its slice is used up, awaits `pause()`,
 * which hands the event loop back for other requests and timers.
 *
 * Why slices rather than a Web Worker: the parser is linear and its input
 * capped, so slicing bounds every stall (one slice, one long line, or a
 * garbage collection) with a few lines of code that run the same in Deno,
 * in the production build, on Deno Deploy and in tests.
 * A worker per import would cost an isolate's start-up and memory, need
 * its own entry file to survive the production build, and need a fallback
 * where workers are unavailable anyway.
 *
 * @module
 */

/** Longest stretch of parsing between two yields, in milliseconds. */
export const SLICE_MS = 10;

/** How much work (in `due()` weights) goes by between two clock reads. */
const CHECK_EVERY = 64;

/** Tells a long loop when to yield, and yields. */
export class Pacer {
  #sliceMs: number;
  #sliceStart = performance.now();
  #untilCheck = CHECK_EVERY;
  #pauses = 0;

  /** A pacer whose slices last `sliceMs` milliseconds. */
  constructor(sliceMs: number = SLICE_MS) {
    this.#sliceMs = sliceMs;
  }

  /**
   * True once the current slice has run its time. Cheap enough to call
   * per line: it reads the clock only every 64 units of `weight` (one per
   * line or element by default; more for a big piece of work).
   */
  due(weight = 1): boolean {
    this.#untilCheck -= weight;
    if (this.#untilCheck > 0) return false;
    this.#untilCheck = CHECK_EVERY;
    return performance.now() - this.#sliceStart >= this.#sliceMs;
  }

  /**
   * Yields with a timer (a macrotask), so pending I/O, requests and timers
   * run before the parse goes on, then starts a new slice. A microtask,
   * `setImmediate` or a `MessageChannel` would not do: in Deno none of
   * them lets network I/O in.
   */
  async pause(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.#pauses++;
    this.#sliceStart = performance.now();
  }

  /** How many times this pacer has yielded (for tests and benches). */
  get pauses(): number {
    return this.#pauses;
  }
}

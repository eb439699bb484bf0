/**
 * Whether the live connection has been down long enough to tell the user
 * (browser code, no imports). A blip — a reconnect within the grace
 * period — never shows; the retries of one outage (connecting, catching
 * up, reconnecting again) do not restart the clock; only `online` ends it.
 *
 * @module
 */

/** How long the connection may be down before the page says so. */
export const OUTAGE_GRACE_MS = 3_000;

/** Timer functions, replaceable in tests. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(id: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * Feed it every connection status; it calls `onChange(true)` once the
 * connection has been down for `graceMs`, and `onChange(false)` when it is
 * back online after that.
 *
 * @example
 * ```ts
 * const watch = new OutageWatch((down) => banner.hidden = !down);
 * watch.update("reconnecting"); // after 3 s: onChange(true)
 * watch.update("online"); // onChange(false)
 * ```
 */
export class OutageWatch {
  #graceMs: number;
  #onChange: (down: boolean) => void;
  #timers: Timers;
  #timer: unknown = null;
  #down = false;

  /** Creates a watch; nothing happens until the first {@linkcode update}. */
  constructor(
    onChange: (down: boolean) => void,
    graceMs: number = OUTAGE_GRACE_MS,
    timers: Timers = realTimers,
  ) {
    this.#onChange = onChange;
    this.#graceMs = graceMs;
    this.#timers = timers;
  }

  /** Whether the outage is being shown. */
  get down(): boolean {
    return this.#down;
  }

  /** Takes the client's current status (`online`, `reconnecting`, …). */
  update(status: string): void {
    if (status === "online") {
      this.#clearTimer();
      if (this.#down) {
        this.#down = false;
        this.#onChange(false);
      }
      return;
    }
    // Down: start the clock once per outage, not once per retry.
    if (this.#down || this.#timer !== null) return;
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      this.#down = true;
      this.#onChange(true);
    }, this.#graceMs);
  }

  /** Stops the pending timer (the island unmounted). */
  dispose(): void {
    this.#clearTimer();
  }

  #clearTimer() {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
  }
}

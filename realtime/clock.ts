/**
 * Time as a dependency: the hub and the browser client read the time and
 * set their timers through a {@linkcode Clock}, so tests drive them with a
 * {@linkcode ManualClock} instead of waiting on real time. Browser-safe.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const client = new RealtimeClient({ clock });
 * clock.tick(500); // runs every timer due within the next 500 ms
 * ```
 *
 * @module
 */

/** A timer handle of a {@linkcode Clock}. */
export type TimerId = number;

/** The time and timers a component uses. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once after `ms`. */
  setTimeout(fn: () => void, ms: number): TimerId;
  /** Runs `fn` every `ms`. */
  setInterval(fn: () => void, ms: number): TimerId;
  /** Cancels a timer of either kind (unknown ids are ignored). */
  clear(id: TimerId | null): void;
}

/** The real clock: `Date.now()` and the global timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as TimerId,
  setInterval: (fn, ms) => setInterval(fn, ms) as unknown as TimerId,
  clear(id) {
    if (id === null) return;
    // One id space in browsers and Deno: clearTimeout clears intervals too.
    clearTimeout(id);
  },
};

interface ManualTimer {
  at: number;
  fn: () => void;
  every: number | null;
}

/** A clock that moves only when told: {@linkcode tick} runs what is due. */
export class ManualClock implements Clock {
  #now: number;
  #next = 1;
  #timers = new Map<TimerId, ManualTimer>();

  /** Starts at `start` ms since the epoch. */
  constructor(start = Date.UTC(2030, 0, 1)) {
    this.#now = start;
  }

  /** The clock's current time. */
  now(): number {
    return this.#now;
  }

  /** Schedules `fn` at now + `ms`. */
  setTimeout(fn: () => void, ms: number): TimerId {
    return this.#add({ at: this.#now + Math.max(0, ms), fn, every: null });
  }

  /** Schedules `fn` every `ms` from now. */
  setInterval(fn: () => void, ms: number): TimerId {
    const every = Math.max(1, ms);
    return this.#add({ at: this.#now + every, fn, every });
  }

  /** Cancels a timer. */
  clear(id: TimerId | null): void {
    if (id !== null) this.#timers.delete(id);
  }

  /** How many timers are pending. */
  get pending(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by `ms`, running each timer that falls due, in
   * order of due time (timers they set run too when due within the step).
   */
  tick(ms = 0): void {
    const end = this.#now + ms;
    for (;;) {
      let dueId: TimerId | null = null;
      let due: ManualTimer | null = null;
      for (const [id, timer] of this.#timers) {
        if (timer.at <= end && (due === null || timer.at < due.at)) {
          dueId = id;
          due = timer;
        }
      }
      if (due === null || dueId === null) break;
      this.#now = Math.max(this.#now, due.at);
      if (due.every === null) this.#timers.delete(dueId);
      else due.at += due.every;
      due.fn();
    }
    this.#now = end;
  }

  #add(timer: ManualTimer): TimerId {
    const id = this.#next++;
    this.#timers.set(id, timer);
    return id;
  }
}

/**
 * The typing throttle of one socket: at most one relayed `typing` frame per
 * target per window, whatever the client sends, and a bounded number of
 * targets. A real stop is still relayed: a change of state inside the window
 * is sent when the window ends (trailing edge), so alternating
 * `true`/`false` collapses to the state the client ended on.
 *
 * @module
 */

/** Minimum time between two relayed frames of one target, ms. */
export const TYPING_THROTTLE_MS = 3_000;
/** Targets one socket may be typing on (or have just stopped) at once. */
export const TYPING_TARGETS_MAX = 20;
/**
 * After this long without a relayed frame, receivers have dropped the
 * notice (the islands show one for 5 s), so a target still marked typing
 * may be forgotten.
 */
const SHOWN_FORGOTTEN_MS = 10_000;

import { type Clock, systemClock, type TimerId } from "./clock.ts";

/** What the gate needs from the hub. */
export interface TypingGateOptions {
  /** Whether this socket may type on `target` (the record exists and it may read it). */
  check(target: string): Promise<boolean>;
  /** Sends the frame to the target's other readers. */
  relay(target: string, active: boolean): void;
  /** Tells this socket why a target was refused. */
  refuse(target: string, code: "forbidden" | "too_many_targets"): void;
  windowMs?: number;
  maxTargets?: number;
  /** Time and the trailing-send timers. */
  clock?: Clock;
}

interface Target {
  /** Admission check still running. */
  checking: boolean;
  /** The state the other readers were last told. */
  shown: boolean;
  /** The state the client last asked for. */
  want: boolean;
  /** When the last frame was relayed (ms). */
  relayedAt: number;
  /** The trailing-edge send, when one is due. */
  timer: TimerId | undefined;
}

/** One socket's typing state; {@linkcode close} it with the socket. */
export class TypingGate {
  #targets = new Map<string, Target>();
  #options: Required<TypingGateOptions>;
  #closed = false;

  /** Creates the gate of one socket. */
  constructor(options: TypingGateOptions) {
    this.#options = {
      windowMs: TYPING_THROTTLE_MS,
      maxTargets: TYPING_TARGETS_MAX,
      clock: systemClock,
      ...options,
    };
  }

  /** Targets tracked (for tests and metrics). */
  get size(): number {
    return this.#targets.size;
  }

  /** The client says it is (`true`) or stopped (`false`) typing on `target`. */
  offer(target: string, active: boolean): void {
    if (this.#closed) return;
    const entry = this.#targets.get(target);
    if (entry !== undefined) {
      entry.want = active;
      if (!entry.checking) this.#step(target, entry);
      return;
    }
    // Nobody was told this socket types here: a stop has nothing to clear.
    if (!active) return;
    if (this.#targets.size >= this.#options.maxTargets) this.#prune();
    if (this.#targets.size >= this.#options.maxTargets) {
      this.#options.refuse(target, "too_many_targets");
      return;
    }
    // Counted from now on, so a flood of new targets cannot outrun the cap
    // while their checks run.
    const fresh: Target = {
      checking: true,
      shown: false,
      want: true,
      relayedAt: -Infinity,
      timer: undefined,
    };
    this.#targets.set(target, fresh);
    this.#options.check(target).catch(() => false).then((ok) => {
      if (this.#closed || this.#targets.get(target) !== fresh) return;
      if (!ok) {
        this.#targets.delete(target);
        this.#options.refuse(target, "forbidden");
        return;
      }
      fresh.checking = false;
      this.#step(target, fresh);
    });
  }

  /** Stops every pending send; the gate ignores frames afterwards. */
  close(): void {
    this.#closed = true;
    for (const entry of this.#targets.values()) {
      this.#options.clock.clear(entry.timer ?? null);
    }
    this.#targets.clear();
  }

  #step(target: string, entry: Target) {
    if (entry.timer !== undefined) return; // the trailing send takes the latest
    if (!entry.want && !entry.shown) return;
    const now = this.#options.clock.now();
    const wait = entry.relayedAt + this.#options.windowMs - now;
    if (wait <= 0) {
      // A change, or a keep-alive of "typing" once per window.
      entry.shown = entry.want;
      entry.relayedAt = now;
      this.#options.relay(target, entry.want);
      return;
    }
    if (entry.want === entry.shown) return;
    entry.timer = this.#options.clock.setTimeout(() => {
      entry.timer = undefined;
      if (!this.#closed) this.#step(target, entry);
    }, wait);
  }

  /** Forgets targets whose forgetting cannot let a frame through early. */
  #prune() {
    const now = this.#options.clock.now();
    for (const [target, entry] of this.#targets) {
      if (entry.checking || entry.timer !== undefined) continue;
      const age = now - entry.relayedAt;
      if (
        (!entry.shown && age >= this.#options.windowMs) ||
        age >= SHOWN_FORGOTTEN_MS
      ) {
        this.#targets.delete(target);
      }
    }
  }
}

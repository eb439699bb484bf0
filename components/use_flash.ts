/**
 * The short highlight of what just changed (a card moved by someone else,
 * a row just saved): ids go into a set for a while, then leave it.
 *
 * @module
 */
import { type ReadonlySignal, type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Timers } from "./outage_watch.ts";

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * Holds the flashing ids in `set` and the timers that take them out again;
 * {@linkcode useFlash} is this inside a component. Separate so it can be
 * tested without a DOM.
 *
 * @example
 * ```ts
 * const flasher = new Flasher(signal(new Set<string>()), 1_200);
 * flasher.flash("t1"); // set has "t1" for 1.2 s
 * flasher.dispose(); // on unmount: no timer left behind
 * ```
 */
export class Flasher<K = string> {
  #set: Signal<ReadonlySet<K>>;
  #ms: number;
  #timers: Timers;
  #pending = new Set<unknown>();

  constructor(set: Signal<ReadonlySet<K>>, ms: number, timers = realTimers) {
    this.#set = set;
    this.#ms = ms;
    this.#timers = timers;
  }

  /** Flashes `ids` for the default time. */
  flash(...ids: K[]): void {
    this.flashFor(this.#ms, ...ids);
  }

  /** Flashes `ids` for `ms` (a longer highlight for what the user did). */
  flashFor(ms: number, ...ids: K[]): void {
    if (ids.length === 0) return;
    this.#set.value = new Set([...this.#set.value, ...ids]);
    const timer = this.#timers.set(() => {
      this.#pending.delete(timer);
      const next = new Set(this.#set.value);
      for (const id of ids) next.delete(id);
      this.#set.value = next;
    }, ms);
    this.#pending.add(timer);
  }

  /** Clears every pending timer (the component unmounted). */
  dispose(): void {
    for (const timer of this.#pending) this.#timers.clear(timer);
    this.#pending.clear();
  }
}

/** What {@linkcode useFlash} returns. */
export interface Flash<K = string> {
  /** The ids highlighted now. */
  flashing: ReadonlySignal<ReadonlySet<K>>;
  /** Highlights `ids` for the hook's time. */
  flash(...ids: K[]): void;
  /** Highlights `ids` for `ms`. */
  flashFor(ms: number, ...ids: K[]): void;
}

/**
 * Highlights ids for `ms` each time `flash(...ids)` is called; timers are
 * cleared when the component unmounts.
 *
 * @example
 * ```tsx
 * const { flashing, flash } = useFlash(1_200);
 * // flash(task.id) on a live update; <Card flash={flashing.value.has(id)} />
 * ```
 */
export function useFlash<K = string>(ms: number): Flash<K> {
  const flashing = useSignal<ReadonlySet<K>>(new Set());
  const flasher = useRef<Flasher<K> | null>(null);
  flasher.current ??= new Flasher(flashing, ms);
  const current = flasher.current;
  useEffect(() => () => current.dispose(), []);
  return {
    flashing,
    flash: (...ids) => current.flash(...ids),
    flashFor: (ms, ...ids) => current.flashFor(ms, ...ids),
  };
}

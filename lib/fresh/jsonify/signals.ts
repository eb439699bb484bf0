/**
 * jsonify plugins for `@preact/signals`, so islands can receive signals as
 * props. One signal passed in several places is revived as one instance,
 * which is how islands on the same page share state.
 *
 * @module
 */

import { computed, Signal, signal } from "@preact/signals";
import type { Stringifiers } from "./stringify.ts";
import type { CustomParser } from "./parse.ts";

/** `Signal.prototype.brand` in @preact/signals-core; shared across copies. */
const BRAND = Symbol.for("preact-signals");

/**
 * True for signals from this or any other copy of @preact/signals-core: the
 * server may render components that import a different copy, so `instanceof`
 * alone would miss them.
 */
export function isSignal(value: unknown): value is Signal {
  if (value instanceof Signal) return true;
  return typeof value === "object" && value !== null &&
    (value as { brand?: unknown }).brand === BRAND &&
    typeof (value as { peek?: unknown }).peek === "function";
}

/**
 * A computed signal is a signal whose `value` cannot be set. Checked
 * structurally because @preact/signals does not export `Computed`.
 */
function isComputed(value: unknown): value is Signal {
  if (!isSignal(value)) return false;
  for (let o: object | null = value; o !== null; o = Object.getPrototypeOf(o)) {
    const desc = Object.getOwnPropertyDescriptor(o, "value");
    if (desc === undefined) continue;
    return "value" in desc ? !desc.writable : desc.set === undefined;
  }
  return false;
}

/**
 * Serialises `Signal` and `Computed` by their current value (read with
 * `peek()` so serialising never subscribes the caller).
 *
 * Pass to `stringify()`, together with `signalParsers` on the `parse()` side.
 */
export const signalStringifiers: Stringifiers = {
  // Computed extends Signal, so it must be claimed first; stringifiers run in
  // key order.
  Computed: (value) => isComputed(value) ? { value: value.peek() } : undefined,
  Signal: (value) => isSignal(value) ? { value: value.peek() } : undefined,
};

/**
 * Revives what `signalStringifiers` wrote: a writable `signal(v)`, or a
 * read-only `computed(() => v)` (its inputs stay on the server, so it is a
 * constant in the browser).
 */
export const signalParsers: CustomParser = {
  Signal: (value) => signal(value),
  Computed: (value) => computed(() => value),
};

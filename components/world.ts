/**
 * What an island's signal model reaches outside itself: the JSON API, the
 * live updates, timers and the browser's confirm. Models take it as an
 * argument, so a test drives one with fakes, without a DOM, a server or a
 * socket; islands pass {@linkcode browserWorld}. Models subscribe with
 * {@linkcode followRealtime} and highlight with {@linkcode modelFlash}.
 *
 * @module
 */
import { effect, signal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import type { EventType } from "@/lib/policy.ts";
import { getRealtimeClient, type RealtimeClient } from "@/realtime/client.ts";
import type { EventFrame } from "@/realtime/protocol.ts";
import { send } from "./api.ts";
import type { Timers } from "./outage_watch.ts";
import { type Flash, Flasher } from "./use_flash.ts";
import { type RealtimeSource, subscribeRealtime } from "./use_realtime.ts";

/** The outside of a model; `R` is the part of the live client it uses. */
export interface World<R extends RealtimeSource = RealtimeSource> {
  /** The JSON API call ({@linkcode send}). */
  send: typeof send;
  /** The live updates; null while the server renders. */
  realtime: R | null;
  /** Timers for highlights; the real ones when absent. */
  timers?: Timers;
  /** Asks a yes/no question ("Delete …?"). */
  confirm(question: string): boolean;
}

/**
 * The browser's world: the API, the tab's one live client (none on the
 * server) and `window.confirm`.
 *
 * @example
 * ```tsx
 * const model = useModel(() => new BudgetModel(browserWorld(), props));
 * ```
 */
export function browserWorld(): World<RealtimeClient> {
  return {
    send,
    realtime: IS_BROWSER ? getRealtimeClient() : null,
    confirm: (question) => confirm(question),
  };
}

/**
 * In a model's factory: `apply` gets every event of `types` and `reload`
 * runs on a resync while the model lives (what `useRealtime` is
 * for a component); nothing while the server renders.
 *
 * @example
 * ```ts
 * followRealtime(world, ["budget_update"], (e) => apply(e.data), reload);
 * ```
 */
export function followRealtime<T extends EventType>(
  world: World,
  types: readonly T[],
  apply: (event: EventFrame<T>) => void,
  reload: () => unknown,
): void {
  const client = world.realtime;
  // An effect of the model: disposing the model unsubscribes.
  if (client) effect(() => subscribeRealtime(client, types, apply, reload));
}

/**
 * In a model's factory: highlights ids for `ms` on the world's timers
 * (what `useFlash` is for a component); disposing the model
 * clears the timers.
 */
export function modelFlash<K = string>(world: World, ms: number): Flash<K> {
  const flashing = signal<ReadonlySet<K>>(new Set());
  const flasher = new Flasher(flashing, ms, world.timers);
  effect(() => () => flasher.dispose());
  return {
    flashing,
    flash: (...ids) => flasher.flash(...ids),
    flashFor: (ms, ...ids) => flasher.flashFor(ms, ...ids),
  };
}

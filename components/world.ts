/**
 * What an island's signal model reaches outside itself: the JSON API, the
 * live client (events, resyncs, typing notices), the clock and the
 * browser's confirm. Every model takes it as its first argument, so a test
 * drives one with {@linkcode fakeWorld} (`components/fake_world.ts`),
 * without a DOM, a server, a socket or real time; islands pass
 * {@linkcode browserWorld}. Models subscribe with {@linkcode followRealtime},
 * highlight with {@linkcode modelFlash} and set timers with
 * {@linkcode modelTimeout}, all undone when the model is disposed.
 *
 * @module
 */
import { effect, signal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import type { EventType } from "@/lib/policy.ts";
import { getRealtimeClient, type RealtimeClient } from "@/realtime/client.ts";
import { type Clock, systemClock, type TimerId } from "@/realtime/clock.ts";
import type { EventFrame } from "@/realtime/protocol.ts";
import { send } from "./api.ts";
import { type Flash, Flasher } from "./use_flash.ts";
import { subscribeRealtime } from "./use_realtime.ts";

/** The part of the live client models use: events, resyncs and typing. */
export type LiveClient = Pick<
  RealtimeClient,
  "subscribe" | "onResync" | "onTyping" | "typing"
>;

/** The outside of a model; `R` is the live client it gets. */
export interface World<R extends LiveClient = LiveClient> {
  /** The JSON API call ({@linkcode send}). */
  send: typeof send;
  /** The live updates; null while the server renders. */
  realtime: R | null;
  /** The time, and the timers of highlights and typing notices. */
  clock: Clock;
  /** Asks a yes/no question ("Delete …?"). */
  confirm(question: string): boolean;
}

/**
 * The browser's world: the API, the tab's one live client (none on the
 * server), the real clock and `window.confirm`.
 *
 * @example
 * ```tsx
 * const model = useModel(() => new ShotModel(browserWorld(), props));
 * ```
 */
export function browserWorld(): World<RealtimeClient> {
  return {
    send,
    realtime: IS_BROWSER ? getRealtimeClient() : null,
    clock: systemClock,
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
 * In a model's factory: highlights ids for `ms` on the world's clock
 * (what `useFlash` is for a component); disposing the model
 * clears the timers.
 */
export function modelFlash<K = string>(world: World, ms: number): Flash<K> {
  const { clock } = world;
  const flashing = signal<ReadonlySet<K>>(new Set());
  const flasher = new Flasher(flashing, ms, {
    set: (fn, ms) => clock.setTimeout(fn, ms),
    clear: (id) => clock.clear(id as TimerId),
  });
  effect(() => () => flasher.dispose());
  return {
    flashing,
    flash: (...ids) => flasher.flash(...ids),
    flashFor: (ms, ...ids) => flasher.flashFor(ms, ...ids),
  };
}

/**
 * In a model's factory: a `setTimeout` on the world's clock whose
 * timers disposing the model clears, so none outlives it.
 *
 * @example
 * ```ts
 * const later = modelTimeout(world);
 * later(() => typing.value = null, TYPING_SHOWN_MS);
 * ```
 */
export function modelTimeout(
  world: World,
): (fn: () => void, ms: number) => void {
  const { clock } = world;
  const pending = new Set<TimerId>();
  effect(() => () => pending.forEach((timer) => clock.clear(timer)));
  return (fn, ms) => {
    const timer = clock.setTimeout(() => {
      pending.delete(timer);
      fn();
    }, ms);
    pending.add(timer);
  };
}

/**
 * What the script models reach outside themselves: the API, the realtime
 * client and the clock. The islands pass {@linkcode browserWorld}; tests
 * pass fakes, so the models run without a DOM, a socket or real time.
 *
 * @module
 */
import { IS_BROWSER } from "fresh/runtime";
import { send } from "@/components/api.ts";
import type { Timers } from "@/components/outage_watch.ts";
import { getRealtimeClient, type RealtimeClient } from "@/realtime/client.ts";
import { type Clock, systemClock, type TimerId } from "@/realtime/clock.ts";

/** The part of the realtime client the script models use. */
export type ScriptRealtime = Pick<
  RealtimeClient,
  "subscribe" | "onResync" | "onTyping" | "typing"
>;

/** The models' dependencies. */
export interface ScriptWorld {
  /** The JSON API call ({@linkcode send}). */
  send: typeof send;
  /** The tab's realtime client; null on the server (no live updates). */
  realtime: ScriptRealtime | null;
  clock: Clock;
}

/** An island's world: the API, the tab's client (browser only), real time. */
export function browserWorld(): ScriptWorld {
  return {
    send,
    realtime: IS_BROWSER ? getRealtimeClient() : null,
    clock: systemClock,
  };
}

/** `clock`'s timers in the shape {@linkcode Timers} users (the flasher) take. */
export function timersOf(clock: Clock): Timers {
  return {
    set: (fn, ms) => clock.setTimeout(fn, ms),
    clear: (id) => clock.clear(id as TimerId),
  };
}

/**
 * A {@linkcode World} for model tests: scripted API answers, events
 * delivered by hand, timers run by hand and a fixed answer to confirm.
 * Test code only; no island imports it.
 *
 * @module
 */
import type { EventType } from "@/lib/policy.ts";
import type { EventData, EventFrame } from "@/realtime/protocol.ts";
import type { SendOptions } from "./api.ts";
import type { Timers } from "./outage_watch.ts";
import type { RealtimeSource } from "./use_realtime.ts";
import type { World } from "./world.ts";

/** One API call a model made. */
export interface SentCall {
  method: string;
  url: string;
  body?: unknown;
  options?: number | SendOptions;
}

/** The world of a test and the handles to drive it. */
export interface FakeWorld extends World {
  realtime: RealtimeSource;
  timers: Timers;
  /** Every API call, in order. */
  sent: SentCall[];
  /** Every question confirm was asked. */
  asked: string[];
  /** What confirm answers next. */
  confirms: boolean;
  /** Delivers an event to the subscriptions of `type`. */
  emit<T extends EventType>(type: T, data: EventData<T>): void;
  /** Tells the subscribers the server could not replay. */
  resync(): void;
  /** Subscriptions open now (resync handlers included). */
  listeners(): number;
  /** Runs every pending timer. */
  fireTimers(): void;
  /** Timers set and not yet run or cleared. */
  pendingTimers(): number;
}

/**
 * A fake world whose API answers with `answer(call)`: a value (or a
 * promise of one) is the response body, a thrown `ApiFailure` a refusal.
 *
 * @example
 * ```ts
 * const world = fakeWorld(({ url }) => url === "/api/budget" ? budget : null);
 * ```
 */
export function fakeWorld(
  answer: (call: SentCall) => unknown = () => null,
): FakeWorld {
  const handlers = new Map<string, Set<(frame: EventFrame) => void>>();
  const resyncs = new Set<() => void>();
  const timers = new Map<number, () => void>();
  let ids = 0;
  const world: FakeWorld = {
    sent: [],
    asked: [],
    confirms: true,
    send: async <T>(
      method: string,
      url: string,
      body?: unknown,
      options?: number | SendOptions,
    ): Promise<T> => {
      const call = { method, url, body, options };
      world.sent.push(call);
      return await answer(call) as T;
    },
    confirm(question) {
      world.asked.push(question);
      return world.confirms;
    },
    realtime: {
      subscribe(type, handler) {
        if (!handlers.has(type)) handlers.set(type, new Set());
        const set = handlers.get(type)!;
        set.add(handler as (frame: EventFrame) => void);
        return () => set.delete(handler as (frame: EventFrame) => void);
      },
      onResync(handler) {
        resyncs.add(handler);
        return () => resyncs.delete(handler);
      },
    },
    timers: {
      set(fn) {
        timers.set(++ids, fn);
        return ids;
      },
      clear: (id) => timers.delete(id as number),
    },
    emit(type, data) {
      const frame = { type, id: `e${++ids}`, ts: 0, data } as EventFrame;
      for (const handler of handlers.get(type) ?? []) handler(frame);
    },
    resync: () => resyncs.forEach((handler) => handler()),
    listeners: () =>
      [...handlers.values()].reduce((n, set) => n + set.size, 0) +
      resyncs.size,
    fireTimers() {
      for (const [id, fn] of [...timers]) {
        timers.delete(id);
        fn();
      }
    },
    pendingTimers: () => timers.size,
  };
  return world;
}

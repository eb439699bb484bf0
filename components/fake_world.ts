/**
 * The {@linkcode World} of model tests: API answers queued or scripted,
 * events and typing notices delivered by hand, a {@linkcode ManualClock}
 * and a fixed answer to confirm. Test code only; no island imports it.
 *
 * @module
 */
import type { EventType } from "@/lib/policy.ts";
import type { TypingNotice } from "@/realtime/client.ts";
import { ManualClock } from "@/realtime/clock.ts";
import type { EventData, EventFrame } from "@/realtime/protocol.ts";
import type { send, SendOptions } from "./api.ts";
import type { LiveClient, World } from "./world.ts";

/** One API call a model made. */
export interface SentCall {
  method: string;
  url: string;
  body?: unknown;
  /** The version for `If-Match`, or the options. */
  options?: number | SendOptions;
}

/** The world of a test and the handles to drive it. */
export interface FakeWorld extends World {
  realtime: LiveClient;
  clock: ManualClock;
  /** Every API call, in order. */
  sent: SentCall[];
  /**
   * The answers to the next calls, first used first (before the scripted
   * answer): a value is the response body, an `Error` a refusal, a
   * promise an answer the test settles later.
   */
  answers: unknown[];
  /** Every question confirm was asked. */
  asked: string[];
  /** What confirm answers next. */
  confirms: boolean;
  /** The typing notices the model sent: `[target, active]`. */
  typed: [string, boolean][];
  /** Delivers an event to the subscriptions of `type`. */
  emit<T extends EventType>(type: T, data: EventData<T>): void;
  /** Tells the subscribers the server could not replay. */
  resync(): void;
  /** Delivers someone's typing notice. */
  typingNotice(notice: TypingNotice): void;
  /** Subscriptions open now (resync and typing handlers included). */
  listeners(): number;
}

/**
 * A fake world whose API answers from {@linkcode FakeWorld.answers}, else
 * with `answer(call)`: a value (or a promise of one) is the response body,
 * a thrown `ApiFailure` a refusal.
 *
 * @example
 * ```ts
 * const world = fakeWorld(({ url }) => url === "/api/budget" ? budget : null);
 * world.answers.push(new ApiFailure(409)); // the next call only
 * ```
 */
export function fakeWorld(
  answer: (call: SentCall) => unknown = () => null,
): FakeWorld {
  const handlers = new Map<string, Set<(frame: EventFrame) => void>>();
  const resyncs = new Set<() => void>();
  const typings = new Set<(notice: TypingNotice) => void>();
  const add = <T>(set: Set<T>, handler: T) => {
    set.add(handler);
    return () => set.delete(handler);
  };
  let ids = 0;
  // Not async: a settled answer reaches the awaiting model one turn after
  // the call, which a test's single `await Promise.resolve()` relies on.
  const fakeSend = (
    method: string,
    url: string,
    body?: unknown,
    options?: number | SendOptions,
  ): Promise<unknown> => {
    const call = { method, url, body, options };
    world.sent.push(call);
    try {
      const result = world.answers.length > 0
        ? world.answers.shift()
        : answer(call);
      return result instanceof Error
        ? Promise.reject(result)
        : Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const world: FakeWorld = {
    sent: [],
    answers: [],
    asked: [],
    confirms: true,
    typed: [],
    send: fakeSend as typeof send,
    confirm(question) {
      world.asked.push(question);
      return world.confirms;
    },
    clock: new ManualClock(),
    realtime: {
      subscribe(type, handler) {
        if (!handlers.has(type)) handlers.set(type, new Set());
        return add(handlers.get(type)!, handler as (frame: EventFrame) => void);
      },
      onResync: (handler) => add(resyncs, handler),
      onTyping: (handler) => add(typings, handler),
      typing: (target, active) => void world.typed.push([target, active]),
    },
    emit(type, data) {
      const id = String(++ids).padStart(16, "0");
      const frame = { type, id, ts: world.clock.now(), data } as EventFrame;
      for (const handler of handlers.get(type) ?? []) handler(frame);
    },
    resync: () => resyncs.forEach((handler) => handler()),
    typingNotice: (notice) => typings.forEach((handler) => handler(notice)),
    listeners: () =>
      [...handlers.values()].reduce((n, set) => n + set.size, 0) +
      resyncs.size + typings.size,
  };
  return world;
}

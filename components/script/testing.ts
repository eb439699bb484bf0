/**
 * A fake world for the script models' tests: a `send` that answers from a
 * queue and records each call, a realtime client that records its
 * handlers and delivers to them, and a manual clock.
 *
 * @module
 */
import type { send } from "@/components/api.ts";
import type { TypingNotice } from "@/realtime/client.ts";
import { ManualClock } from "@/realtime/clock.ts";
import type { EventFrame } from "@/realtime/protocol.ts";
import { emptyBreakdown } from "@/lib/script/shared.ts";
import type { Scene, Script } from "@/lib/script/schemas.ts";
import type { ScriptRealtime, ScriptWorld } from "./world.ts";

/** One call `send` received. */
export interface SentCall {
  method: string;
  url: string;
  body?: unknown;
  version?: unknown;
}

/** A fake world and the handles a test drives it with. */
export interface FakeWorld {
  world: ScriptWorld;
  clock: ManualClock;
  /** Every call `send` received, in order. */
  calls: SentCall[];
  /** Queues the answer to the next call (a function may throw). */
  answer(result: unknown | (() => unknown)): void;
  /** Queues an answer the test releases later: call the returned function. */
  hold(result: unknown): () => void;
  /** Delivers a `script_update` event to the subscribers. */
  deliver(data: EventFrame<"script_update">["data"]): void;
  /** The server could not replay: subscribers reload. */
  resync(): void;
  /** A typing notice from the hub. */
  notice(notice: TypingNotice): void;
  /** The typing notices the model sent: `[target, active]`. */
  typed: [string, boolean][];
  /** How many handlers are subscribed. */
  handlers(): number;
}

/** Creates a fake world. */
export function fakeWorld(): FakeWorld {
  const clock = new ManualClock();
  const calls: SentCall[] = [];
  const queue: (() => Promise<unknown>)[] = [];
  const events = new Set<(e: EventFrame<"script_update">) => void>();
  const resyncs = new Set<() => void>();
  const typings = new Set<(n: TypingNotice) => void>();
  const typed: [string, boolean][] = [];
  let nextId = 1;
  const fake = (
    method: string,
    url: string,
    body?: unknown,
    version?: unknown,
  ) => {
    calls.push({ method, url, body, version });
    const next = queue.shift();
    if (!next) throw new Error(`no answer queued for ${method} ${url}`);
    return next();
  };
  const add = <T>(set: Set<T>, handler: T) => {
    set.add(handler);
    return () => void set.delete(handler);
  };
  const realtime = {
    subscribe: (
      type: string,
      handler: (e: EventFrame<"script_update">) => void,
    ) => {
      if (type !== "script_update") throw new Error(`unexpected ${type}`);
      return add(events, handler);
    },
    onResync: (handler: () => void) => add(resyncs, handler),
    onTyping: (handler: (n: TypingNotice) => void) => add(typings, handler),
    typing: (target: string, active: boolean) =>
      void typed.push([target, active]),
  } as unknown as ScriptRealtime;
  return {
    world: { send: fake as typeof send, realtime, clock },
    clock,
    calls,
    answer(result) {
      queue.push(async () =>
        typeof result === "function" ? await result() : result
      );
    },
    hold(result) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => release = resolve);
      queue.push(async () => {
        await released;
        return result;
      });
      return release;
    },
    deliver(data) {
      const frame = {
        type: "script_update",
        id: String(nextId++).padStart(16, "0"),
        ts: clock.now(),
        data,
      } as EventFrame<"script_update">;
      events.forEach((handler) => handler(frame));
    },
    resync: () => resyncs.forEach((handler) => handler()),
    notice: (notice) => typings.forEach((handler) => handler(notice)),
    typed,
    handlers: () => events.size + resyncs.size + typings.size,
  };
}

const T0 = "2030-01-01T00:00:00.000Z";

/** A scene of draft 1 of script `s1`, with `extra` over the defaults. */
export function sceneOf(extra: Partial<Scene> = {}): Scene {
  return {
    id: "sc1",
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    scriptId: "s1",
    draftVersion: 1,
    importId: "i1",
    key: "k1",
    previousId: null,
    position: 0,
    index: 0,
    number: "1",
    heading: "INT. HARBOUR OFFICE - NIGHT",
    setting: "INT",
    location: "HARBOUR OFFICE",
    timeOfDay: "NIGHT",
    characters: ["ELLA"],
    eighths: 3,
    hash: "h1",
    text: [],
    status: "draft",
    change: "added",
    needsReview: false,
    notes: "",
    breakdown: emptyBreakdown(),
    approvedBy: null,
    approvedByName: null,
    approvedAt: null,
    ...extra,
  };
}

/** A script, with `extra` over the defaults. */
export function scriptOf(extra: Partial<Script> = {}): Script {
  return {
    id: "s1",
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    title: "Harbour Lights",
    currentVersion: 1,
    sceneCount: 3,
    eighths: 9,
    createdBy: "u1",
    createdByName: "Dana Kowalski",
    ...extra,
  };
}

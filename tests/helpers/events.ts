/**
 * Awaiting what a test expects to happen, never a fixed sleep: WebSocket
 * frames by predicate ({@linkcode TestSocket.next}), a condition or a probe
 * that comes true, the events a write logged. Every wait is bounded and
 * names what it waited for when it gives up.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readEventsAfter, type StoredEvent } from "@/lib/store/event_log.ts";
import type { TestApp } from "./test_app.ts";

export { TestSocket } from "./ws_client.ts";

/** Polls `condition` every 10 ms until true, failing after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs = 5_000,
  what = "condition",
): Promise<void> {
  await eventually(condition, (ok) => ok, { timeoutMs, what });
}

/** Options of {@linkcode eventually}. */
export interface EventuallyOptions {
  /** Bound of the whole wait, ms (5 s by default). */
  timeoutMs?: number;
  /** Pause between two probes, ms (10 by default). */
  everyMs?: number;
  /** What is awaited, for the error when the bound passes. */
  what?: string;
}

/**
 * Runs `probe` until `accept` takes its result, and resolves with that
 * result; fails after `timeoutMs` naming what it waited for. For state
 * that changes with no event to await (a count in the store, a status
 * that another instance's heartbeat updates).
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  accept: (value: T) => boolean,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 5_000, everyMs = 10, what = "condition" } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The events logged after `after` (up to `limit`), asserting the log did
 * not ask for a resync (one assertion).
 */
export async function loggedEvents(
  app: TestApp,
  after: string,
  limit?: number,
): Promise<StoredEvent[]> {
  const page = await readEventsAfter(app.services.kv, after, limit);
  assert.ok(!page.resync);
  return page.resync ? [] : page.events;
}

/**
 * Lets `ms` pass in which something must *not* happen (a late duplicate,
 * a frame that must not come). Part of what the test asserts, never
 * synchronisation: await the expected event instead of calling this.
 */
export function quietFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

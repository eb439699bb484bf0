import assert from "node:assert/strict";
import type { EventFrame } from "@/realtime/protocol.ts";
import { type RealtimeSource, subscribeRealtime } from "./use_realtime.ts";

/** A client double that records handlers and can deliver to them. */
function fakeClient() {
  const handlers = new Map<string, Set<(e: EventFrame) => void>>();
  const resyncs = new Set<() => void>();
  const client = {
    subscribe(type: string, handler: (e: EventFrame) => void) {
      if (!handlers.has(type)) handlers.set(type, new Set());
      handlers.get(type)!.add(handler);
      return () => handlers.get(type)!.delete(handler);
    },
    onResync(handler: () => void) {
      resyncs.add(handler);
      return () => resyncs.delete(handler);
    },
  } as unknown as RealtimeSource;
  const deliver = (type: string) =>
    handlers.get(type)?.forEach((h) => h({ type } as unknown as EventFrame));
  const resync = () => resyncs.forEach((h) => h());
  const count = () =>
    [...handlers.values()].reduce((n, s) => n + s.size, 0) + resyncs.size;
  return { client, deliver, resync, count };
}

Deno.test("subscribeRealtime: applies each type's events, reloads on resync, unsubscribes all", () => {
  const fake = fakeClient();
  const applied: string[] = [];
  let reloads = 0;
  const off = subscribeRealtime(
    fake.client,
    ["task_update", "budget_update"],
    (e) => applied.push(e.type),
    () => reloads++,
  );
  fake.deliver("task_update");
  fake.deliver("budget_update");
  fake.deliver("vfx_update");
  fake.resync();
  assert.deepEqual(applied, ["task_update", "budget_update"]);
  assert.equal(reloads, 1);
  off();
  assert.equal(fake.count(), 0);
  fake.resync();
  assert.equal(reloads, 1);
});

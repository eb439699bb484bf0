import assert from "node:assert/strict";
import { withDeadline } from "@/lib/deadline.ts";
import {
  type EventInput,
  LOG_MOVED_EVENTS_MAX_BYTES,
} from "@/lib/store/event_log.ts";
import { openKv } from "@/lib/store/kv.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import { type BusMessage, KvWatchBus } from "./bus.ts";

const audience: EventInput["audience"] = { roles: [], users: [] };

Deno.test("KvWatchBus - a commit's events ride along on the wake-up when small, and only its id when not", async () => {
  // Big by its audience as much as by its data: both count.
  const kv = await openKv(":memory:");
  const bus = new KvWatchBus(kv);
  try {
    const view = productionKv(kv, "p1");
    const heard: BusMessage[] = [];
    let wake: () => void = () => {};
    bus.subscribe((message) => {
      if (message.kind !== "events") return;
      heard.push(message);
      wake();
    });
    const next = () => new Promise<void>((resolve) => wake = resolve);
    const append = async (data: unknown, to = audience) => {
      const woken = next();
      await transact(view, (tx) => {
        tx.emit({ type: "announcement", audience: to, data });
        return Promise.resolve();
      });
      await withDeadline(woken, 5_000, "the bus to wake");
    };

    await append({ message: "small" });
    const big = "x".repeat(LOG_MOVED_EVENTS_MAX_BYTES);
    await append({ message: big });
    const many = Array.from({ length: 300 }, () => crypto.randomUUID());
    await append({ message: "small" }, { roles: [], users: many });
    const [small, large, wide] = heard.filter((m) => m.kind === "events")
      .slice(-3);
    assert.equal(small.productionId, "p1");
    assert.ok(small.kind === "events" && small.events?.length === 1);
    assert.deepEqual(
      (small.events[0] as { data: unknown }).data,
      { message: "small" },
    );
    assert.ok(large.kind === "events");
    assert.equal(large.events, undefined, "too big to ride along");
    assert.equal(large.headId, "0000000000000002");
    assert.ok(wide.kind === "events");
    assert.equal(wide.events, undefined, "a wide audience is big too");
    assert.equal(wide.headId, "0000000000000003");
  } finally {
    bus.close();
    kv.close();
  }
});

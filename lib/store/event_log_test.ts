import assert from "node:assert/strict";
import {
  EVENT_HEAD_KEY,
  eventId,
  eventKey,
  eventSeq,
  readEventsAfter,
} from "./event_log.ts";
import { transact } from "./transaction.ts";
import { openKv } from "./kv.ts";

const audience = { roles: [], users: [] };

async function logWith(n: number): Promise<Deno.Kv> {
  const kv = await openKv(":memory:");
  for (let i = 0; i < n; i++) {
    await transact(kv, (tx) => {
      tx.emit({ type: "announcement", audience, data: { i } });
      return Promise.resolve();
    });
  }
  return kv;
}

Deno.test("eventId - fixed width so string order is numeric order", () => {
  assert.equal(eventId(9), "0000000000000009");
  assert.ok(eventId(10) > eventId(9));
  assert.equal(eventSeq(eventId(42)), 42);
  assert.equal(eventSeq("42"), null);
  assert.equal(eventSeq("abc"), null);
});

Deno.test("readEventsAfter - returns later events in order, paged", async () => {
  const kv = await logWith(5);
  try {
    const first = await readEventsAfter(kv, eventId(1), 2);
    assert.ok(!first.resync);
    if (first.resync) return;
    assert.deepEqual(first.events.map((e) => e.id), [eventId(2), eventId(3)]);
    assert.equal(first.more, true);
    const rest = await readEventsAfter(kv, eventId(3), 10);
    assert.ok(!rest.resync && !rest.more);
    if (rest.resync) return;
    assert.deepEqual(rest.events.map((e) => e.id), [eventId(4), eventId(5)]);
    const none = await readEventsAfter(kv, eventId(5));
    assert.deepEqual(none, { resync: false, events: [], more: false });
  } finally {
    kv.close();
  }
});

Deno.test("readEventsAfter - expired events after the cursor mean resync", async () => {
  const kv = await logWith(4);
  try {
    // Retention expiry removes the oldest events first.
    await kv.delete(eventKey(eventId(1)));
    await kv.delete(eventKey(eventId(2)));
    assert.deepEqual(await readEventsAfter(kv, eventId(0)), { resync: true });
    const ok = await readEventsAfter(kv, eventId(2));
    assert.ok(!ok.resync);
  } finally {
    kv.close();
  }
});

Deno.test("readEventsAfter - a cursor ahead of the log or malformed means resync", async () => {
  const kv = await logWith(2);
  try {
    assert.deepEqual(await readEventsAfter(kv, eventId(3)), { resync: true });
    assert.deepEqual(await readEventsAfter(kv, "not-an-id"), { resync: true });
    assert.equal((await kv.get(EVENT_HEAD_KEY)).value, 2);
  } finally {
    kv.close();
  }
});

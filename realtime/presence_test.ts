import assert from "node:assert/strict";
import { Presence, PRESENCE_LIST_MAX, type PresenceList } from "./presence.ts";
import { openKv } from "../lib/store/kv.ts";

const user = (i: number) => ({
  id: `u${i}`,
  name: `User ${String(i).padStart(3, "0")}`,
  role: "crew" as const,
});

Deno.test("Presence - one entry per user however many sockets", async () => {
  const kv = await openKv(":memory:");
  try {
    const seen: PresenceList[] = [];
    const p = new Presence(kv, "a", (list) => seen.push(list));
    assert.equal(p.add(user(1)), true);
    assert.equal(p.add(user(1)), false);
    assert.equal(p.remove("u1"), false);
    assert.deepEqual(p.list(), { users: [user(1)], total: 1 });
    assert.equal(p.remove("u1"), true);
    assert.deepEqual(p.list(), { users: [], total: 0 });
  } finally {
    kv.close();
  }
});

Deno.test("Presence - instances merge; a crashed instance's users vanish with its record", async () => {
  const kv = await openKv(":memory:");
  try {
    const a = new Presence(kv, "a", () => {});
    const b = new Presence(kv, "b", () => {});
    a.add(user(1));
    b.add(user(2));
    b.add(user(1));
    await a.publish();
    await b.publish();
    await a.refresh();
    assert.deepEqual(a.list(), { users: [user(1), user(2)], total: 2 });
    // B crashes: its record expires (simulated by removing it).
    await kv.delete(["presence", "b"]);
    await a.refresh();
    assert.deepEqual(a.list(), { users: [user(1)], total: 1 });
  } finally {
    kv.close();
  }
});

Deno.test("Presence - frames list at most the cap, with the true total", async () => {
  const kv = await openKv(":memory:");
  try {
    const p = new Presence(kv, "a", () => {});
    for (let i = 0; i < 250; i++) p.add(user(i));
    await p.publish();
    const list = p.list();
    assert.equal(list.users.length, PRESENCE_LIST_MAX);
    assert.equal(list.total, 250);
    assert.equal(list.users[0].name, "User 000");
  } finally {
    kv.close();
  }
});

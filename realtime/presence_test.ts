import assert from "node:assert/strict";
import { Presence, PRESENCE_LIST_MAX, type PresenceList } from "./presence.ts";
import { openKv } from "@/lib/store/kv.ts";

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

Deno.test("Presence - the list stays the first names through joins, leaves and renames", async () => {
  const kv = await openKv(":memory:");
  try {
    const p = new Presence(kv, "a", () => {});
    const online = new Map<
      string,
      { id: string; name: string; role: "crew" }
    >();
    const sockets = new Map<string, number>();
    // A fixed pseudo-random walk, so a failure replays.
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let step = 0; step < 3_000; step++) {
      const id = `u${random(200)}`;
      const op = random(10);
      if (op < 5) {
        const u = online.get(id) ??
          { id, name: `Name ${random(1000)}`, role: "crew" as const };
        online.set(id, u);
        sockets.set(id, (sockets.get(id) ?? 0) + 1);
        p.add(u);
      } else if (op < 8 && online.has(id)) {
        const left = (sockets.get(id) ?? 1) - 1;
        sockets.set(id, left);
        if (left === 0) online.delete(id);
        p.remove(id);
      } else if (online.has(id)) {
        const u = { ...online.get(id)!, name: `Name ${random(1000)}` };
        online.set(id, u);
        p.rename(u);
      }
      const expected = [...online.values()].sort((a, b) =>
        a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
      ).slice(0, PRESENCE_LIST_MAX);
      assert.deepEqual(p.list(), { users: expected, total: online.size });
    }
  } finally {
    kv.close();
  }
});

Deno.test("Presence - reading the list after each join does not sort everyone online", async () => {
  const kv = await openKv(":memory:");
  try {
    const p = new Presence(kv, "a", () => {});
    // Counts how often names are looked at: sorting everyone on every read
    // would look at millions here.
    let reads = 0;
    const crowd = 3_000;
    for (let i = 0; i < crowd; i++) {
      const name = `Crowd ${String(i).padStart(5, "0")}`;
      p.add({
        id: `c${i}`,
        role: "crew",
        get name() {
          reads++;
          return name;
        },
      });
      p.list();
    }
    assert.equal(p.list().total, crowd);
    assert.ok(reads < crowd * 200, `${reads} name reads for ${crowd} joins`);
  } finally {
    kv.close();
  }
});

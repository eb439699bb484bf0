import assert from "node:assert/strict";
import { NotFoundError } from "@/lib/errors.ts";
import { demoWorld, eventsAfter } from "@/lib/records/testing.ts";
import { type ServiceContext, serviceContext } from "@/lib/service.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { productionKv, studioKv } from "@/lib/store/production_kv.ts";
import {
  type CommitStats,
  observeCommits,
  transact,
} from "@/lib/store/transaction.ts";
import type { InboxUpdateData, NewInboxItem } from "./shared.ts";
import {
  listInbox,
  markAllRead,
  markRead,
  notify,
  unreadCount,
} from "./service.ts";

function item(userId: string, n: number): NewInboxItem {
  return {
    userId,
    kind: "ripple",
    title: `Scene ${n} changed`,
    body: "Check your shot",
    href: `/vfx/s${n}`,
    ref: { type: "shot", id: `s${n}` },
  };
}

async function add(cx: ServiceContext, items: NewInboxItem[]) {
  const { result } = await transact(cx.kv, (tx) => {
    return Promise.resolve(notify(tx, cx, items));
  });
  return result;
}

Deno.test("inbox - notify adds in the caller's commit, with no check, to the user alone", async () => {
  const world = await demoWorld();
  try {
    const { crew, vfx, producer } = world.people;
    const cx = world.as("producer");
    const after = await latestEventId(world.kv);
    const stats: CommitStats[] = [];
    const stop = observeCommits(world.kv, (_e, s) => stats.push(s));
    const added = await add(cx, [
      item(crew.id, 1),
      item(crew.id, 1), // the same again: dropped
      item(vfx.id, 2),
      item(producer.id, 3), // the actor: dropped
    ]);
    stop();
    assert.deepEqual(added.map((i) => i.userId), [crew.id, vfx.id]);
    // Only the event log's head is checked.
    assert.deepEqual(stats, [{ checks: 1, mutations: 2 * 3 + 1 }]);
    const events = await eventsAfter(world.kv, after);
    assert.deepEqual(
      events.map((e) => [e.type, e.audience]),
      [
        ["inbox_update", { roles: [], users: [crew.id] }],
        ["inbox_update", { roles: [], users: [vfx.id] }],
      ],
    );
    const data = events[0].data as InboxUpdateData;
    assert.equal(data.action, "added");
    assert.equal(data.action === "added" && data.item.actorName, producer.name);
    assert.equal(await unreadCount(world.as("crew")), 1);
    assert.equal(await unreadCount(world.as("producer")), 0);
  } finally {
    world.close();
  }
});

Deno.test("inbox - newest first, 50 a page, unread filter and count", async () => {
  const world = await demoWorld();
  try {
    const { crew } = world.people;
    const producer = world.as("producer");
    for (let n = 0; n < 60; n++) await add(producer, [item(crew.id, n)]);
    const me = world.as("crew");
    const first = await listInbox(me);
    assert.equal(first.items.length, 50);
    assert.equal(first.items[0].title, "Scene 59 changed");
    assert.ok(first.nextCursor);
    const second = await listInbox(me, { cursor: first.nextCursor! });
    assert.deepEqual(
      second.items.map((i) => i.title),
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((n) => `Scene ${n} changed`),
    );
    assert.equal(second.nextCursor, null);

    await markRead(me, first.items[0].id);
    await markRead(me, first.items[0].id); // idempotent
    assert.equal(await unreadCount(me), 59);
    const unread = await listInbox(me, { unread: true });
    assert.equal(unread.items[0].title, "Scene 58 changed");
    assert.ok(unread.items.every((i) => i.readAt === null));
    const all = await listInbox(me);
    assert.notEqual(all.items[0].readAt, null);
  } finally {
    world.close();
  }
});

Deno.test("inbox - read and read-all tell the owner's tabs; nobody reads another's", async () => {
  const world = await demoWorld();
  try {
    const { crew, vfx } = world.people;
    await add(world.as("producer"), [
      item(crew.id, 1),
      item(crew.id, 2),
      item(vfx.id, 3),
    ]);
    const crewCx = world.as("crew");
    const vfxCx = world.as("vfx");
    const [newest] = (await listInbox(crewCx)).items;
    // Another member's item is not found for them.
    await assert.rejects(markRead(vfxCx, newest.id), NotFoundError);
    assert.equal((await listInbox(vfxCx)).items.length, 1);

    const after = await latestEventId(world.kv);
    await markRead(crewCx, newest.id);
    assert.equal(await markAllRead(crewCx), 1);
    assert.equal(await markAllRead(crewCx), 0);
    const events = await eventsAfter(world.kv, after);
    assert.deepEqual(
      events.map((e) => [e.type, e.data, e.audience]),
      [
        ["inbox_update", {
          action: "read",
          id: newest.id,
          by: { id: crew.id, name: crew.name },
        }, { roles: [], users: [crew.id] }],
        ["inbox_update", {
          action: "read_all",
          by: { id: crew.id, name: crew.name },
        }, { roles: [], users: [crew.id] }],
      ],
    );
    assert.equal(await unreadCount(crewCx), 0);
    assert.equal(await unreadCount(vfxCx), 1);
  } finally {
    world.close();
  }
});

Deno.test("inbox - one production's inbox is not another's", async () => {
  const world = await demoWorld();
  try {
    const { crew, producer } = world.people;
    const other = productionKv(studioKv(world.kv), "another-production");
    await add(serviceContext(other, producer), [item(crew.id, 1)]);
    assert.equal(await unreadCount(world.as("crew")), 0);
    assert.equal((await listInbox(world.as("crew"))).items.length, 0);
    const there = serviceContext(other, crew);
    assert.equal(await unreadCount(there), 1);
    const [only] = (await listInbox(there)).items;
    await assert.rejects(markRead(world.as("crew"), only.id), NotFoundError);
  } finally {
    world.close();
  }
});

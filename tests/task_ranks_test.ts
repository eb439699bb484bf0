/**
 * Rank poisoning (issue #9): no client rank, and no run of moves, can leave
 * a column without room. A rank past the soft limit rebalances the column
 * (order kept, every board told) before the card is placed.
 */
import assert from "node:assert/strict";
import { latestEventId } from "@/lib/store/event_log.ts";
import { transact } from "@/lib/store/transaction.ts";
import { RANK_SOFT_LIMIT, rankBetween, roomy } from "@/lib/tasks/rank.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { api, sessions } from "./helpers/api_client.ts";
import { withApp } from "./helpers/test_app.ts";
import { loggedEvents } from "./helpers/events.ts";

type T = { id: string; title: string; rank: string; status: string };

/** Titles of a column in board order. */
async function column(kv: Deno.Kv, status: string): Promise<T[]> {
  return ((await tasks.list(kv)) as T[]).filter((t) => t.status === status)
    .sort((a, b) => a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0);
}

Deno.test("ranks - crew cannot poison a column with a 128-character rank", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    for (const title of ["A", "B"]) {
      assert.equal((await pm.post("/api/tasks", { title })).status, 201);
    }
    const mine = (await pm.post("/api/tasks", {
      title: "Crew's",
      assigneeId: s.crew.id,
    })).body;
    const poison = "z".repeat(128);
    const moved = await api(app, s.crew).patch(`/api/tasks/${mine.id}`, {
      rank: poison,
    });
    assert.equal(moved.status, 200);
    assert.ok(roomy(moved.body.rank), moved.body.rank);
    // Where the client asked: after every card (it sorts last).
    assert.deepEqual(
      (await column(app.services.kv, "todo")).map((t) => t.title),
      ["A", "B", "Crew's"],
    );
    // Appends to the column keep working, for everyone.
    for (let i = 0; i < 3; i++) {
      const res = await pm.post("/api/tasks", { title: `After ${i}` });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    const titles = (await column(app.services.kv, "todo")).map((t) => t.title);
    assert.deepEqual(titles, [
      "A",
      "B",
      "Crew's",
      "After 0",
      "After 1",
      "After 2",
    ]);
  }));

Deno.test("ranks - an append past the limit rebalances the column, in order, and tells every board", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const ids: string[] = [];
    for (const title of ["A", "B", "C"]) {
      ids.push((await pm.post("/api/tasks", { title })).body.id);
    }
    // A column whose end has no room left (as a long run of moves leaves it).
    await transact(app.services.kv, async (tx) => {
      await tasks.update(
        tx,
        ids[2],
        () => ({ rank: "z".repeat(RANK_SOFT_LIMIT) }),
      );
    });
    const head = await latestEventId(app.services.kv);
    const res = await pm.post("/api/tasks", { title: "D" });
    assert.equal(res.status, 201);
    const todo = await column(app.services.kv, "todo");
    assert.deepEqual(todo.map((t) => t.title), ["A", "B", "C", "D"]);
    for (const t of todo) assert.ok(t.rank.length <= 2, t.rank);
    const rewritten = (await loggedEvents(app, head)).filter((e) =>
      (e.data as { changed?: string[] }).changed?.includes("rank")
    );
    assert.deepEqual(
      rewritten.map((e) => (e.data as { task: T }).task.title).sort(),
      ["A", "B", "C"],
    );
  }));

Deno.test("ranks - a drop whose rank would be too long lands between the same cards", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.producer);
    const made: T[] = [];
    for (const title of ["A", "B", "C"]) {
      made.push((await pm.post("/api/tasks", { title })).body);
    }
    // A and B as close as a long run of drops between them makes them.
    const close = "U".repeat(RANK_SOFT_LIMIT - 1);
    await transact(app.services.kv, async (tx) => {
      await tasks.update(tx, made[0].id, () => ({ rank: close + "1" }));
      await tasks.update(tx, made[1].id, () => ({ rank: close + "2" }));
    });
    const between = rankBetween(close + "1", close + "2");
    assert.ok(!roomy(between));
    const moved = await pm.patch(`/api/tasks/${made[2].id}`, { rank: between });
    assert.equal(moved.status, 200);
    assert.ok(roomy(moved.body.rank));
    assert.deepEqual(
      (await column(app.services.kv, "todo")).map((t) => t.title),
      ["A", "C", "B"],
    );
  }));

Deno.test("ranks - a move the actor may not make rebalances nothing", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const other = (await pm.post("/api/tasks", {
      title: "VFX's",
      assigneeId: s.vfx.id,
    })).body;
    await pm.post("/api/tasks", { title: "A" });
    const before = await column(app.services.kv, "todo");
    const head = await latestEventId(app.services.kv);
    const res = await api(app, s.crew).patch(`/api/tasks/${other.id}`, {
      rank: "z".repeat(128),
    });
    assert.equal(res.status, 404);
    assert.deepEqual(await column(app.services.kv, "todo"), before);
    assert.equal(await latestEventId(app.services.kv), head);
  }));

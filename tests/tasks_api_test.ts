import assert from "node:assert/strict";
import { DEMO_USERS } from "@/lib/seed.ts";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { rankBetween } from "@/lib/tasks/rank.ts";
import { readHistory } from "@/lib/store/history.ts";
import { api, sessions } from "./helpers/api_client.ts";
import { withApp } from "./helpers/test_app.ts";
import { loggedEvents } from "./helpers/events.ts";

Deno.test("tasks - only management creates; everyone else gets 403", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    for (const demo of DEMO_USERS) {
      const res = await api(app, s[demo.username]).post("/api/tasks", {
        title: `by ${demo.username}`,
      });
      const management = ["producer", "production_manager", "director"]
        .includes(demo.role);
      assert.equal(res.status, management ? 201 : 403, demo.username);
    }
  }));

Deno.test("tasks - management sees all; others only their own (others' are 404)", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const mine = (await pm.post("/api/tasks", {
      title: "Crew task",
      assigneeId: s.crew.id,
    })).body;
    const theirs =
      (await pm.post("/api/tasks", { title: "VFX task", assigneeId: s.vfx.id }))
        .body;
    await pm.post("/api/tasks", { title: "Unassigned" });
    assert.equal((await api(app, s.director).get("/api/tasks")).body.length, 3);
    const crew = api(app, s.crew);
    assert.deepEqual(
      (await crew.get("/api/tasks")).body.map((t: { id: string }) => t.id),
      [mine.id],
    );
    assert.equal((await crew.get(`/api/tasks/${mine.id}`)).status, 200);
    assert.equal((await crew.get(`/api/tasks/${theirs.id}`)).status, 404);
    assert.deepEqual(
      (await api(app, s.distribution).get("/api/tasks")).body,
      [],
    );
  }));

Deno.test("tasks - an assignee may move their own task, and nothing more", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const task = (await api(app, s.producer).post("/api/tasks", {
      title: "Scout",
      assigneeId: s.crew.id,
    })).body;
    const crew = api(app, s.crew);
    const moved = await crew.patch(`/api/tasks/${task.id}`, {
      status: "review",
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.status, "review");
    assert.equal(moved.body.version, 2);
    assert.equal(
      (await crew.patch(`/api/tasks/${task.id}`, { title: "Mine now" })).status,
      403,
    );
    assert.equal(
      (await crew.patch(`/api/tasks/${task.id}`, { assigneeId: s.vfx.id }))
        .status,
      403,
    );
    assert.equal((await crew.del(`/api/tasks/${task.id}`)).status, 403);
    const other = (await api(app, s.producer).post("/api/tasks", {
      title: "Other",
      assigneeId: s.vfx.id,
    })).body;
    assert.equal(
      (await crew.patch(`/api/tasks/${other.id}`, { status: "done" })).status,
      404,
    );
  }));

Deno.test("tasks - validation errors are 400 with details and change nothing", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const head = await latestEventId(app.services.kv);
    for (
      const body of [
        { title: "" },
        { title: "x".repeat(201) },
        { title: "ok", status: "archived" },
        { title: "ok", priority: "critical" },
        { title: "ok", dueDate: "tomorrow" },
        { title: "ok", description: "x".repeat(10_001) },
        { title: "ok", assigneeId: "no-such-user" },
        { title: "ok", rank: "bad rank" },
        { title: "ok", version: 3 },
      ]
    ) {
      const res = await p.post("/api/tasks", body);
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
      assert.ok(Array.isArray(res.body.error.details), "details");
    }
    assert.equal(await latestEventId(app.services.kv), head);
    assert.deepEqual((await p.get("/api/tasks")).body, []);
  }));

Deno.test("tasks - a stale If-Match is a 409 with the current task and exactly one event", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const task = (await p.post("/api/tasks", { title: "Call sheet" })).body;
    const before = await latestEventId(app.services.kv);
    const [a, b] = await Promise.all([
      p.patch(`/api/tasks/${task.id}`, { title: "A" }, { "if-match": "1" }),
      api(app, s.director).patch(`/api/tasks/${task.id}`, { title: "B" }, {
        "if-match": "1",
      }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409]);
    const conflict = a.status === 409 ? a : b;
    assert.equal(conflict.body.error.code, "version_conflict");
    assert.equal(conflict.body.error.details.current.version, 2);
    const page = await readEventsAfter(app.services.kv, before);
    assert.ok(!page.resync && page.events.length === 1);
  }));

Deno.test("tasks - reassignment tells the old and the new assignee", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const task =
      (await p.post("/api/tasks", { title: "Rig", assigneeId: s.crew.id }))
        .body;
    const before = await latestEventId(app.services.kv);
    await p.patch(`/api/tasks/${task.id}`, { assigneeId: s.vfx.id });
    const [event] = await loggedEvents(app, before);
    assert.equal(event.type, "task_update");
    assert.equal(
      (event.data as { previousAssigneeId: string }).previousAssigneeId,
      s.crew.id,
    );
    assert.deepEqual(
      [...event.audience.users].sort(),
      [s.crew.id, s.vfx.id].sort(),
    );
  }));

Deno.test("tasks - new tasks append to their column; a rank places a card between two", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const one = (await p.post("/api/tasks", { title: "one" })).body;
    const two = (await p.post("/api/tasks", { title: "two" })).body;
    const three = (await p.post("/api/tasks", { title: "three" })).body;
    assert.ok(one.rank < two.rank && two.rank < three.rank);
    await p.patch(`/api/tasks/${three.id}`, {
      rank: rankBetween(one.rank, two.rank),
    });
    const order = (await p.get("/api/tasks?status=todo")).body.map((
      t: { title: string },
    ) => t.title);
    assert.deepEqual(order, ["one", "three", "two"]);
    // Moving to another column without a rank appends there.
    const moved =
      (await p.patch(`/api/tasks/${one.id}`, { status: "done" })).body;
    assert.equal(moved.status, "done");
  }));

Deno.test("tasks - filters: status, priority, assignee, due before", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    await p.post("/api/tasks", {
      title: "a",
      priority: "urgent",
      dueDate: "2027-02-01",
      assigneeId: s.crew.id,
    });
    await p.post("/api/tasks", {
      title: "b",
      priority: "low",
      status: "review",
      dueDate: "2027-05-01",
    });
    await p.post("/api/tasks", { title: "c", priority: "urgent" });
    const titles = async (q: string) =>
      (await p.get(`/api/tasks${q}`)).body.map((t: { title: string }) =>
        t.title
      ).sort();
    assert.deepEqual(await titles("?priority=urgent"), ["a", "c"]);
    assert.deepEqual(await titles("?status=review"), ["b"]);
    assert.deepEqual(await titles(`?assignee=${s.crew.id}`), ["a"]);
    assert.deepEqual(await titles("?dueBefore=2027-03-01"), ["a"]);
    assert.equal((await p.get("/api/tasks?status=nope")).status, 400);
  }));

Deno.test("tasks - delete (management) logs a deleted event; the task's history goes with it", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const task = (await p.post("/api/tasks", { title: "Temp" })).body;
    await p.patch(`/api/tasks/${task.id}`, { status: "in_progress" });
    const history = await readHistory(app.services.kv, "tasks", task.id);
    assert.deepEqual(history.entries.map((h) => h.action), [
      "updated",
      "created",
    ]);
    const before = await latestEventId(app.services.kv);
    assert.equal((await p.del(`/api/tasks/${task.id}`)).status, 204);
    assert.equal((await p.get(`/api/tasks/${task.id}`)).status, 404);
    const events = await loggedEvents(app, before);
    assert.deepEqual(
      events.map((e) => [e.type, (e.data as { action: string }).action]),
      [["task_update", "deleted"]],
    );
    const after = await readHistory(app.services.kv, "tasks", task.id);
    assert.deepEqual(after.entries, []);
  }));

import assert from "node:assert/strict";
import { tinyPdf } from "@/lib/assets/seed.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { type HistoryEntry, readHistory } from "@/lib/store/history.ts";
import { type CommitStats, observeCommits } from "@/lib/store/transaction.ts";
import { api, type Session, sessions } from "./helpers/api_client.ts";
import { type TestApp, withApp } from "./helpers/test_app.ts";

const NAMES = Object.fromEntries(DEMO_USERS.map((u) => [u.username, u.name]));

/**
 * Runs `fn` and checks every commit it made against DESIGN §6's limits:
 * at most 10 checks and 1,000 mutations. Returns how many commits ran.
 */
async function withinLimits(
  app: TestApp,
  fn: () => Promise<void>,
): Promise<number> {
  const sizes: CommitStats[] = [];
  const stop = observeCommits(
    app.services.kv,
    (_e, stats) => sizes.push(stats),
  );
  try {
    await fn();
  } finally {
    stop();
  }
  for (const size of sizes) {
    assert.ok(size.checks <= 10, `checks: ${JSON.stringify(size)}`);
    assert.ok(size.mutations <= 1_000, `mutations: ${JSON.stringify(size)}`);
  }
  return sizes.length;
}

async function history(
  app: TestApp,
  collection: string,
  id: string,
): Promise<HistoryEntry[]> {
  return (await readHistory(app.services.kv, collection, id)).entries;
}

/** The newest entry, checked for who made it. */
function newest(entries: HistoryEntry[], who: Session, username: string) {
  assert.ok(entries.length > 0, "an entry was recorded");
  assert.deepEqual(entries[0].actor, { id: who.id, name: NAMES[username] });
  return entries[0];
}

Deno.test("history - tasks: create and edit record who and which fields", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    let task: { id: string } = { id: "" };
    const commits = await withinLimits(app, async () => {
      task = (await p.post("/api/tasks", {
        title: "Scout the quarry",
        priority: "high",
      })).body;
      await p.patch(`/api/tasks/${task.id}`, {
        status: "in_progress",
        assigneeId: s.crew.id,
      });
      // A crew member moving their own task is recorded under their name.
      await api(app, s.crew).patch(`/api/tasks/${task.id}`, {
        status: "review",
      });
    });
    assert.equal(commits, 3);
    const deleted = (await p.post("/api/tasks", { title: "Temp" })).body;
    await withinLimits(app, async () => {
      assert.equal((await p.del(`/api/tasks/${deleted.id}`)).status, 204);
    });
    const entries = await history(app, "tasks", task.id);
    assert.deepEqual(entries.map((e) => e.action), [
      "updated",
      "updated",
      "created",
    ]);
    assert.deepEqual(newest(entries, s.crew, "crew").changes, [
      { field: "status", from: "in_progress", to: "review" },
    ]);
    assert.deepEqual(entries[1].changes, [
      { field: "status", from: "todo", to: "in_progress" },
      { field: "assigneeId", from: null, to: s.crew.id },
    ]);
    assert.deepEqual(entries[2].actor.name, "Paula Reyes");
    assert.deepEqual(
      entries[2].changes.map((c) => c.field),
      ["title", "status", "priority"],
    );
  }));

Deno.test("history - a rejected write records nothing", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const task = (await p.post("/api/tasks", { title: "T" })).body;
    // Stale version, forbidden field, bad value: all refused.
    assert.equal(
      (await p.patch(`/api/tasks/${task.id}`, { title: "X" }, {
        "if-match": "7",
      })).status,
      409,
    );
    assert.equal(
      (await api(app, s.crew).patch(`/api/tasks/${task.id}`, { title: "Y" }))
        .status,
      404,
    );
    assert.equal(
      (await p.patch(`/api/tasks/${task.id}`, { status: "nope" })).status,
      400,
    );
    assert.deepEqual(
      (await history(app, "tasks", task.id)).map((e) => e.action),
      ["created"],
    );
  }));

Deno.test("history - budget: categories and expenses, with the spend they move", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    let category: { id: string } = { id: "" };
    let expense: { id: string } = { id: "" };
    await withinLimits(app, async () => {
      category = (await pm.post("/api/budget/categories", {
        name: "Camera",
        code: "2100",
        section: "below_the_line",
        allocatedCents: 100_000,
      })).body;
      await pm.patch(`/api/budget/categories/${category.id}`, {
        allocatedCents: 150_000,
      });
      expense = (await pm.post("/api/budget/expenses", {
        categoryId: category.id,
        amountCents: 12_000,
        description: "Lens rental",
        date: "2027-02-01",
      })).body.expense;
      await pm.del(`/api/budget/expenses/${expense.id}`);
    });
    const entries = await history(app, "budget_categories", category.id);
    assert.deepEqual(entries.map((e) => e.action), [
      "expense_deleted",
      "expense_created",
      "updated",
      "created",
    ]);
    newest(entries, s.prodmanager, "prodmanager");
    assert.deepEqual(entries[1].changes, [
      {
        field: "expense",
        from: null,
        to: { id: expense.id, description: "Lens rental", amountCents: 12_000 },
      },
      { field: "spentCents", from: 0, to: 12_000 },
    ]);
    assert.deepEqual(entries[2].changes, [
      { field: "allocatedCents", from: 100_000, to: 150_000 },
    ]);
    // The deleted expense's own history went with it.
    assert.deepEqual(await history(app, "budget_expenses", expense.id), []);
  }));

Deno.test("history - budget: an expense keeps its own creation entry", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const category = (await p.post("/api/budget/categories", {
      name: "Catering",
      code: "3300",
      section: "below_the_line",
      allocatedCents: 50_000,
    })).body;
    const { expense } = (await p.post("/api/budget/expenses", {
      categoryId: category.id,
      amountCents: 4_500,
      description: "Lunch, day 1",
      vendor: "Fjord Catering",
      date: "2027-02-02",
    })).body;
    const entry = newest(
      await history(app, "budget_expenses", expense.id),
      s.producer,
      "producer",
    );
    assert.equal(entry.action, "created");
    assert.deepEqual(entry.changes.map((c) => [c.field, c.to]), [
      ["categoryId", category.id],
      ["amountCents", 4_500],
      ["description", "Lunch, day 1"],
      ["vendor", "Fjord Catering"],
      ["date", "2027-02-02"],
    ]);
  }));

Deno.test("history - vfx: shot edits, submitted and reviewed versions", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    let shot: { id: string } = { id: "" };
    await withinLimits(app, async () => {
      shot = (await vfx.post("/api/vfx/shots", {
        code: "NL_010_0010",
        description: "Wave",
        frameIn: 1001,
        frameOut: 1100,
        vendor: "Stormglass",
        bidCents: 1_000_00,
      })).body;
      await vfx.patch(`/api/vfx/shots/${shot.id}`, { frameOut: 1120 });
      await vfx.post(`/api/vfx/shots/${shot.id}/versions`, { notes: "v1" });
      await api(app, s.director).patch(
        `/api/vfx/shots/${shot.id}/versions/1`,
        { decision: "approve", note: "Lovely" },
      );
    });
    const entries = await history(app, "vfx_shots", shot.id);
    assert.deepEqual(entries.map((e) => e.action), [
      "version_reviewed",
      "version_submitted",
      "updated",
      "created",
    ]);
    assert.deepEqual(newest(entries, s.director, "director").changes, [
      { field: "review", from: null, to: { number: 1, decision: "approve" } },
      { field: "status", from: "pending_review", to: "approved" },
    ]);
    assert.deepEqual(entries[2].changes, [
      { field: "frameOut", from: 1100, to: 1120 },
    ]);
    const version = await history(app, "vfx_versions", `${shot.id}_v1`);
    assert.deepEqual(version.map((e) => [e.action, e.actor.name]), [
      ["reviewed", "Dana Kowalski"],
      ["created", "Ines Moreau"],
    ]);
  }));

Deno.test("history - script: scene breakdown edits and approval", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const director = api(app, s.director);
    const { script, scenes } = (await director.post("/api/scripts", {
      source: SAMPLE_SCREENPLAY,
    })).body;
    const path = `/api/scripts/${script.id}/scenes/${scenes[0].id}`;
    await withinLimits(app, async () => {
      await api(app, s.prodmanager).patch(path, {
        add: { props: ["Lantern"] },
        status: "broken_down",
      });
      await director.patch(path, { status: "approved" });
    });
    const entries = await history(app, "script_scenes", scenes[0].id);
    assert.deepEqual(newest(entries, s.director, "director").changes, [
      { field: "status", from: "broken_down", to: "approved" },
    ]);
    const edit = entries[1];
    assert.equal(edit.actor.name, "Marcus Obi");
    assert.deepEqual(edit.changes.map((c) => c.field), [
      "status",
      "breakdown.props",
    ]);
  }));

Deno.test("history - assets: the upload is recorded under the uploader", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    let asset: { id: string; size: number; category: string } = {
      id: "",
      size: 0,
      category: "",
    };
    await withinLimits(app, async () => {
      const res = await api(app, s.crew).post(
        "/api/assets?name=call%20sheet.pdf",
        tinyPdf(),
        { "content-type": "application/octet-stream" },
      );
      assert.equal(res.status, 201);
      asset = res.body;
    });
    const entry = newest(
      await history(app, "assets", asset.id),
      s.crew,
      "crew",
    );
    assert.equal(entry.action, "created");
    assert.deepEqual(entry.changes.map((c) => [c.field, c.to]), [
      ["name", "call sheet.pdf"],
      ["size", asset.size],
      ["mime", "application/pdf"],
      ["category", asset.category],
    ]);
    // Deleting the file deletes its history.
    assert.equal(
      (await api(app, s.crew).del(`/api/assets/${asset.id}`)).status,
      204,
    );
    assert.deepEqual(await history(app, "assets", asset.id), []);
  }));

Deno.test("history - team: members added and changed, never the password", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    let member: { id: string } = { id: "" };
    await withinLimits(app, async () => {
      member = (await p.post("/api/users", {
        username: "gaffer",
        name: "Lena Berg",
        role: "crew",
        password: "correct horse battery",
      })).body;
      await p.patch(`/api/users/${member.id}`, { name: "Lena Berg-Holm" });
    });
    const entries = await history(app, "users", member.id);
    assert.deepEqual(newest(entries, s.producer, "producer").changes, [
      { field: "name", from: "Lena Berg", to: "Lena Berg-Holm" },
    ]);
    assert.deepEqual(entries[1].changes.map((c) => c.field), [
      "username",
      "name",
      "role",
      "active",
    ]);
    assert.ok(!JSON.stringify(entries).includes("passwordHash"));
  }));

Deno.test("history api - tasks: the task's readers only; others get the task's 404", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const task = (await p.post("/api/tasks", {
      title: "Dailies",
      assigneeId: s.crew.id,
    })).body;
    for (let i = 0; i < 3; i++) {
      await p.patch(`/api/tasks/${task.id}`, { title: `Dailies ${i}` });
    }
    const path = `/api/tasks/${task.id}/history`;
    const expected: Record<string, number> = {
      producer: 200,
      prodmanager: 200,
      director: 200,
      crew: 200, // the assignee
      vfx: 404,
      distribution: 404,
    };
    for (const [username, status] of Object.entries(expected)) {
      const res = await api(app, s[username]).get(path);
      assert.equal(res.status, status, username);
      if (status === 404) {
        assert.equal(res.body.error.code, "not_found");
      } else {
        assert.deepEqual(
          res.body.entries.map((e: HistoryEntry) => e.version),
          [4, 3, 2, 1],
        );
      }
    }
    assert.equal((await api(app, null).get(path)).status, 401);
    assert.equal(
      (await p.get("/api/tasks/missing/history")).status,
      404,
    );
    const first = await p.get(`${path}?limit=3`);
    assert.equal(first.body.nextCursor, "2");
    const rest = await p.get(`${path}?limit=3&cursor=2`);
    assert.deepEqual(
      rest.body.entries.map((e: HistoryEntry) => e.version),
      [1],
    );
    assert.equal(rest.body.nextCursor, null);
    for (const bad of ["?limit=0", "?limit=x", "?cursor=abc", "?extra=1"]) {
      const res = await p.get(`${path}${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, "validation", bad);
    }
  }));

Deno.test("history api - vfx shots and script scenes follow their module's read rule", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const shot = (await api(app, s.vfx).post("/api/vfx/shots", {
      code: "NL_020_0010",
      description: "Aurora",
      frameIn: 1001,
      frameOut: 1050,
      vendor: "",
      bidCents: 0,
    })).body;
    const shotPath = `/api/vfx/shots/${shot.id}/history`;
    const shotRule: Record<string, number> = {
      producer: 200,
      prodmanager: 403,
      director: 200,
      crew: 403,
      vfx: 200,
      distribution: 403,
    };
    for (const [username, status] of Object.entries(shotRule)) {
      const res = await api(app, s[username]).get(shotPath);
      assert.equal(res.status, status, `shot ${username}`);
    }
    const shotHistory = await api(app, s.director).get(shotPath);
    assert.deepEqual(
      shotHistory.body.entries.map((e: HistoryEntry) => e.action),
      ["created"],
    );
    assert.equal(
      (await api(app, s.vfx).get("/api/vfx/shots/missing/history")).status,
      404,
    );

    const { script, scenes } = (await api(app, s.director).post(
      "/api/scripts",
      { source: SAMPLE_SCREENPLAY },
    )).body;
    const scenePath = `/api/scripts/${script.id}/scenes/${
      scenes[0].id
    }/history`;
    await api(app, s.director).patch(
      `/api/scripts/${script.id}/scenes/${scenes[0].id}`,
      { notes: "Night exterior: rain towers" },
    );
    const sceneRule: Record<string, number> = {
      producer: 200,
      prodmanager: 200,
      director: 200,
      crew: 200,
      vfx: 200,
      distribution: 403,
    };
    for (const [username, status] of Object.entries(sceneRule)) {
      const res = await api(app, s[username]).get(scenePath);
      assert.equal(res.status, status, `scene ${username}`);
    }
    const sceneHistory = await api(app, s.crew).get(scenePath);
    assert.deepEqual(sceneHistory.body.entries[0].changes, [
      { field: "notes", from: "", to: "Night exterior: rain towers" },
    ]);
    assert.equal(
      (await api(app, s.director).get(
        `/api/scripts/${script.id}/scenes/missing/history`,
      )).status,
      404,
    );
  }));

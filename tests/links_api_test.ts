/**
 * The links API and the record search (issue #13): a link shows on both
 * records, each role lists, adds and removes links only as far as it may
 * see and change both ends, a budget line never shows through a task or a
 * scene to who may not read the budget, and bad input is a 4xx JSON
 * error, never a 500.
 */
import assert from "node:assert/strict";
import { latestEventId } from "@/lib/store/event_log.ts";
import {
  api,
  assertApiError,
  type Reply,
  row,
  type Sessions,
  sessions,
} from "./helpers/api_client.ts";
import { loggedEvents } from "./helpers/events.ts";
import { type TestApp, withModuleData } from "./helpers/test_app.ts";

const P = "/api/p/northern-lights";
const LINKS = `${P}/links`;
const RECORDS = `${P}/records`;

// deno-lint-ignore no-explicit-any
type Json = any;

/** The demo records the tests link, found through the API. */
async function fixture(app: TestApp, s: Sessions) {
  const [task] = (await api(app, s.crew).get(`${P}/tasks`)).body as Json[];
  const [script] = (await api(app, s.director).get(`${P}/scripts`)).body;
  const { scenes } = (await api(app, s.director).get(
    `${P}/scripts/${script.id}`,
  )).body;
  const live = scenes.filter((x: Json) => x.change !== "removed");
  const budget = (await api(app, s.prodmanager).get(`${P}/budget`)).body;
  const shots = (await api(app, s.vfx).get(`${P}/vfx/shots`)).body as Json[];
  return {
    task: `task:${task.id}`,
    taskId: task.id as string,
    taskTitle: task.title as string,
    scene: `scene:${live[0].key}`,
    otherScene: `scene:${live[1].key}`,
    line: `budget_category:${budget.categories[0].id}`,
    lineId: budget.categories[0].id as string,
    lineName: budget.categories[0].name as string,
    shot: `shot:${shots[0].id}`,
    shotWithScene: `shot:${shots.find((x) => x.sceneKey).id}`,
  };
}

const linksOf = (record: string) =>
  `${LINKS}?record=${encodeURIComponent(record)}`;

/** The other ends a listing shows, as `direction type:id`. */
function ends(reply: Reply): string[] {
  return (reply.body.links as Json[]).map((l) =>
    `${l.direction} ${l.other.ref.type}:${l.other.ref.id}`
  );
}

function expectStatus(reply: Reply, want: number, label: string) {
  if (want >= 400) assertApiError(reply, want, label);
  else {assert.equal(
      reply.status,
      want,
      `${label} ${JSON.stringify(reply.body)}`,
    );}
}

Deno.test("links api - a link shows on both records, for who may see both", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const f = await fixture(app, s);
    const producer = api(app, s.producer);
    const made = await producer.post(LINKS, { from: f.task, to: f.shot });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual(made.body.from, { type: "task", id: f.taskId });
    await producer.post(LINKS, { from: f.task, to: f.scene });

    const fromTask = await api(app, s.director).get(linksOf(f.task));
    assert.deepEqual(ends(fromTask).sort(), [
      `out ${f.scene}`,
      `out ${f.shot}`,
    ]);
    assert.equal(fromTask.body.record.ref.id, f.taskId);
    const fromShot = await api(app, s.director).get(linksOf(f.shot));
    assert.ok(ends(fromShot).includes(`in ${f.task}`));
    const fromScene = await api(app, s.director).get(linksOf(f.scene));
    assert.ok(ends(fromScene).includes(`in ${f.task}`));

    // The assignee sees the task, not the shot: only the scene's link.
    const crew = await api(app, s.crew).get(linksOf(f.task));
    assert.deepEqual(ends(crew), [`out ${f.scene}`]);
    assert.deepEqual(crew.body.targets, [], "crew may not change the task");
    // The VFX artist sees the shot, not the task: no link from it.
    const vfx = await api(app, s.vfx).get(linksOf(f.shot));
    assert.ok(!ends(vfx).includes(`in ${f.task}`));
    assert.ok(!JSON.stringify(vfx.body).includes(f.taskId));
  }));

Deno.test("links api - a budget line never shows through a task or a scene to who may not read the budget", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const f = await fixture(app, s);
    const after = await latestEventId(app.services.kv);
    const made = await api(app, s.prodmanager).post(LINKS, {
      from: f.line,
      to: f.scene,
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await api(app, s.producer).post(LINKS, { from: f.task, to: f.scene });
    const [event] = (await loggedEvents(app, after))
      .filter((e) => e.type === "link_update");
    assert.deepEqual(event.audience, {
      roles: ["producer", "production_manager"],
      users: [],
    });
    for (const who of ["director", "crew", "vfx"] as const) {
      for (const record of [f.scene, f.task]) {
        const reply = await api(app, s[who]).get(linksOf(record));
        if (reply.status !== 200) continue; // vfx: not their task
        const text = JSON.stringify(reply.body);
        assert.ok(!text.includes(f.lineId), `${who} ${record}`);
        assert.ok(!text.includes(f.lineName), `${who} ${record}`);
      }
    }
    const office = await api(app, s.producer).get(linksOf(f.scene));
    assert.ok(ends(office).includes(`in ${f.line}`));
    // Nor can they search for it, or read its links directly.
    assertApiError(
      await api(app, s.crew).get(`${RECORDS}?type=budget_category`),
      403,
    );
    assertApiError(await api(app, s.crew).get(linksOf(f.line)), 404);
  }));

// Who may read a record's links: who may see the record.
const READ: Record<string, Record<string, number>> = {
  //                 producer prodmanager director crew vfx distribution
  task: row(200, 200, 200, 200, 404, 404),
  scene: row(200, 200, 200, 200, 200, 404),
  line: row(200, 200, 404, 404, 404, 404),
  shot: row(200, 404, 200, 404, 200, 404),
};

// Who may add a link: who may change its first record and sees both.
const WRITE: Record<string, Record<string, number>> = {
  "task→scene": row(201, 201, 201, 403, 404, 404),
  "line→shot": row(201, 404, 404, 404, 404, 404),
  "line→scene": row(201, 201, 404, 404, 404, 404),
  "shot→scene": row(403, 404, 403, 404, 201, 404),
};

Deno.test("links api - permission matrix: six roles × reading, adding and removing, from both ends", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const f = await fixture(app, s);
    const pairs: Record<string, [string, string]> = {
      "task→scene": [f.task, f.scene],
      "line→shot": [f.line, f.shot],
      "line→scene": [f.line, f.scene],
      // Not the shot's own scene, which is its field.
      "shot→scene": [f.shot, f.otherScene],
    };
    for (const [who, session] of Object.entries(s)) {
      const caller = api(app, session);
      for (const [name, want] of Object.entries(READ)) {
        const record = f[name as keyof typeof f];
        expectStatus(
          await caller.get(linksOf(record)),
          want[who],
          `${who} ${name}`,
        );
      }
      for (const [name, [from, to]] of Object.entries(pairs)) {
        const made = await caller.post(LINKS, { from, to });
        expectStatus(made, WRITE[name][who], `${who} ${name}`);
        if (made.status !== 201) continue;
        // Who added it may remove it again.
        const gone = await caller.del(`${LINKS}/${made.body.id}`);
        assert.equal(gone.status, 204, `${who} removes ${name}`);
      }
    }
  }));

Deno.test("links api - removing: who may change the first record; others get 403, or 404 when they may not see both ends", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const f = await fixture(app, s);
    const made = await api(app, s.producer).post(LINKS, {
      from: f.task,
      to: f.shot,
    });
    const path = `${LINKS}/${made.body.id}`;
    // Each of them misses one end: the production manager and crew the
    // shot, the VFX artist the task, distribution both.
    for (const who of ["prodmanager", "crew", "vfx", "distribution"]) {
      assertApiError(await api(app, s[who]).del(path), 404, who);
    }
    // The director may change the task and sees both.
    assert.equal((await api(app, s.director).del(path)).status, 204);
    assertApiError(await api(app, s.producer).del(path), 404, "gone");
    // Crew see the task and the scene but may not change the task: 403.
    const scene = await api(app, s.producer).post(LINKS, {
      from: f.task,
      to: f.scene,
    });
    assertApiError(
      await api(app, s.crew).del(`${LINKS}/${scene.body.id}`),
      403,
    );
  }));

Deno.test("links api - 400, 404 and 409: bad references, kinds that do not link, unknown records, duplicates", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const f = await fixture(app, s);
    const producer = api(app, s.producer);
    const bad = [
      "task:",
      ":abc",
      "budget:1",
      "nonsense",
      `task:${"x".repeat(129)}`,
      `task:${"x".repeat(300)}`,
      "task:a/b",
      "task:..",
    ];
    for (const record of bad) {
      assertApiError(await producer.get(linksOf(record)), 400, record);
      assertApiError(
        await producer.post(LINKS, { from: record, to: f.scene }),
        400,
        `from ${record}`,
      );
      assertApiError(
        await producer.post(LINKS, { from: f.task, to: record }),
        400,
        `to ${record}`,
      );
    }
    assertApiError(await producer.get(LINKS), 400, "no record");
    assertApiError(
      await producer.get(`${linksOf(f.task)}&extra=1`),
      400,
      "unknown parameter",
    );
    assertApiError(await producer.post(LINKS, { from: f.task }), 400);
    assertApiError(
      await producer.post(LINKS, { from: f.task, to: f.scene, why: "x" }),
      400,
    );
    assertApiError(await producer.post(LINKS, "not json"), 400);
    // A scene does not link to a task; nothing links to itself.
    assertApiError(
      await producer.post(LINKS, { from: f.scene, to: f.task }),
      400,
    );
    assertApiError(
      await producer.post(LINKS, { from: f.task, to: f.task }),
      400,
    );

    // Unknown records: 404.
    assertApiError(await producer.get(linksOf("task:missing")), 404);
    assertApiError(
      await producer.post(LINKS, { from: f.task, to: "scene:missing" }),
      404,
    );
    assertApiError(await producer.del(`${LINKS}/missing`), 404);
    assertApiError(await producer.del(`${LINKS}/${"x".repeat(300)}`), 404);
    // A shot's own scene is its field, not a stored link.
    const shot = await producer.get(linksOf(f.shotWithScene));
    const fixed = (shot.body.links as Json[]).find((l) => l.fixed);
    assert.ok(fixed, "the shot's own scene");
    assert.equal(fixed.removable, false);
    assertApiError(
      await producer.del(`${LINKS}/${encodeURIComponent(fixed.id)}`),
      404,
      "fixed link",
    );

    // Twice the same link: 409, and the message names both records.
    assert.equal(
      (await producer.post(LINKS, { from: f.task, to: f.scene })).status,
      201,
    );
    const again = await producer.post(LINKS, { from: f.task, to: f.scene });
    assertApiError(again, 409);
    assert.ok(again.body.error.message.includes(f.taskTitle));
  }));

// Who may search each kind: who may open its module.
const SEARCH: Record<string, Record<string, number>> = {
  task: row(200, 200, 200, 200, 200, 200),
  scene: row(200, 200, 200, 200, 200, 403),
  element: row(200, 200, 200, 200, 200, 403),
  shot: row(200, 403, 200, 403, 200, 403),
  version: row(200, 403, 200, 403, 200, 403),
  asset: row(200, 200, 200, 200, 200, 200),
  expense: row(200, 200, 403, 403, 403, 403),
  budget_category: row(200, 200, 403, 403, 403, 403),
};

Deno.test("records api - the search: six roles × every kind; text in title or detail; at most 20; bad queries 400", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const f = await fixture(app, s);
    for (const [who, session] of Object.entries(s)) {
      for (const [type, want] of Object.entries(SEARCH)) {
        const reply = await api(app, session).get(`${RECORDS}?type=${type}`);
        expectStatus(reply, want[who], `${who} ${type}`);
        if (reply.status !== 200) continue;
        assert.ok(reply.body.records.length <= 20);
        assert.ok(
          (reply.body.records as Json[]).every((r) => r.ref.type === type),
        );
        assert.equal(typeof reply.body.more, "boolean");
      }
    }
    // Crew find their own tasks only.
    const mine = (await api(app, s.crew).get(`${P}/tasks`)).body as Json[];
    const found = await api(app, s.crew).get(`${RECORDS}?type=task`);
    assert.deepEqual(
      (found.body.records as Json[]).map((r) => r.ref.id).sort(),
      mine.map((t) => t.id).sort(),
    );
    // By text, any case; a card leads to the record's page.
    const word = f.taskTitle.split(" ").at(-1)!.toUpperCase();
    const byText = await api(app, s.producer).get(
      `${RECORDS}?type=task&q=${encodeURIComponent(word)}`,
    );
    const card = (byText.body.records as Json[])
      .find((r) => r.ref.id === f.taskId);
    assert.ok(card, word);
    assert.equal(card.href, `/tasks/${f.taskId}`);
    const lines = await api(app, s.producer).get(
      `${RECORDS}?type=budget_category&q=${encodeURIComponent(f.lineName)}`,
    );
    assert.equal(
      lines.body.records[0].href,
      `/records/budget_category/${f.lineId}`,
    );

    for (
      const query of [
        "",
        "type=budget",
        `type=task&q=${"x".repeat(101)}`,
        "type=task&sort=title",
        "q=x",
      ]
    ) {
      assertApiError(
        await api(app, s.producer).get(`${RECORDS}?${query}`),
        400,
        query,
      );
    }
    assertApiError(await api(app, null).get(`${RECORDS}?type=task`), 401);
  }));

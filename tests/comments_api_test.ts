import assert from "node:assert/strict";
import { tasks } from "@/lib/tasks/task_store.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { api, assertApiError, sessions } from "./helpers/api_client.ts";
import { TestSocket } from "./helpers/events.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, type TestApp, withApp } from "./helpers/test_app.ts";

const COMMENTS = "/api/p/northern-lights/comments";

/** The demo crew member's task, as a `?record=` key. */
async function crewTaskKey(app: TestApp, crewId: string): Promise<string> {
  const task = (await tasks.list(app.services.kv)).find((t) =>
    t.assigneeId === crewId
  );
  assert.ok(task, "the demo has a task assigned to crew");
  return `task:${task.id}`;
}

Deno.test("comments api - post, list and who may see a thread", () =>
  withApp(
    async (app) => {
      const s = await sessions(app);
      const record = await crewTaskKey(app, s.crew.id);
      const posted = await api(app, s.producer).post(COMMENTS, {
        record,
        body: "Can you confirm the van, @crew?",
      });
      assert.equal(posted.status, 201, JSON.stringify(posted.body));
      assert.deepEqual(posted.body.mentions, [s.crew.id]);
      const query = `${COMMENTS}?record=${encodeURIComponent(record)}`;
      const crew = await api(app, s.crew).get(query);
      assert.equal(crew.status, 200);
      assert.deepEqual(
        crew.body.comments.map((c: { id: string }) => c.id),
        [posted.body.id],
      );
      assert.equal(crew.body.record.href, `/tasks/${record.slice(5)}`);
      // Who may not see the task gets the same 404 as for no task at all.
      for (const who of [s.vfx, s.distribution]) {
        assertApiError(await api(app, who).get(query), 404, "not theirs");
      }
      assertApiError(
        await api(app, s.crew).get(`${COMMENTS}?record=task:nope`),
        404,
        "no such task",
      );
      const people = await api(app, s.crew).get(
        `${COMMENTS}/people?record=${encodeURIComponent(record)}`,
      );
      assert.equal(people.status, 200);
      assert.ok(
        people.body.some((p: { username: string }) =>
          p.username === "director"
        ),
      );
      assert.ok(
        !people.body.some((p: { username: string }) => p.username === "vfx"),
      );
    },
    {},
    { moduleData: true },
  ));

Deno.test("comments api - bad input is a 4xx JSON error, never a 500", () =>
  withApp(
    async (app) => {
      const s = await sessions(app);
      const record = await crewTaskKey(app, s.crew.id);
      const producer = api(app, s.producer);
      const bad: [unknown, string][] = [
        [{}, "nothing"],
        [{ record }, "no body"],
        [{ record, body: "" }, "empty"],
        [{ record, body: "   " }, "blank"],
        [{ record, body: "x".repeat(4001) }, "too long"],
        [{ record, body: 42 }, "not text"],
        [{ record: "task", body: "x" }, "no id"],
        [{ record: "budget:1", body: "x" }, "no such kind"],
        [{ record: `task:${"x".repeat(300)}`, body: "x" }, "overlong id"],
        [{ record, body: "x", extra: true }, "unknown field"],
        [[], "an array"],
      ];
      for (const [body, label] of bad) {
        assertApiError(await producer.post(COMMENTS, body), 400, label);
      }
      assertApiError(
        await producer.post(COMMENTS, "{nope", {
          "content-type": "application/json",
        }),
        400,
        "not JSON",
      );
      assertApiError(
        await producer.post(COMMENTS, "body=x", {
          "content-type": "application/x-www-form-urlencoded",
        }),
        415,
        "a form",
      );
      for (
        const query of ["", "?record=", "?record=task:", "?record=x&y=1"]
      ) {
        assertApiError(await producer.get(`${COMMENTS}${query}`), 400, query);
      }
      assertApiError(
        await producer.patch(`${COMMENTS}/missing`, { body: "x" }),
        404,
        "edit of nothing",
      );
      assertApiError(await producer.del(`${COMMENTS}/missing`), 404, "delete");
      const posted = await producer.post(COMMENTS, { record, body: "Hi" });
      assertApiError(
        await producer.patch(`${COMMENTS}/${posted.body.id}`, { body: "" }),
        400,
        "empty edit",
      );
      assertApiError(
        await producer.patch(`${COMMENTS}/${posted.body.id}`, { body: "x" }, {
          "if-match": "soon",
        }),
        400,
        "junk If-Match",
      );
      assertApiError(
        await producer.patch(`${COMMENTS}/${posted.body.id}`, { body: "x" }, {
          "if-match": "7",
        }),
        409,
        "stale If-Match",
      );
      assertApiError(
        await api(app, null).post(COMMENTS, { record, body: "x" }),
        401,
        "signed out",
      );
    },
    {},
    { moduleData: true },
  ));

Deno.test("comments api - edit window, edit and delete rules, with the services' clock", async () => {
  const clock = { ms: Date.UTC(2027, 2, 1, 9) };
  const app = await createTestApp({}, {
    moduleData: true,
    now: () => new Date(clock.ms),
  });
  try {
    const s = await sessions(app);
    const record = await crewTaskKey(app, s.crew.id);
    const crew = api(app, s.crew);
    const posted = (await crew.post(COMMENTS, { record, body: "On it" })).body;
    const url = `${COMMENTS}/${posted.id}`;
    assertApiError(
      await api(app, s.producer).patch(url, { body: "Not yours" }),
      403,
      "not the author",
    );
    clock.ms += 15 * 60_000;
    const edited = await crew.patch(url, { body: "On it, done by 5" });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.editedAt, new Date(clock.ms).toISOString());
    clock.ms += 1;
    const late = await crew.patch(url, { body: "Too late" });
    assertApiError(late, 409, "window closed");
    assert.equal(late.body.error.code, "edit_window_closed");
    assert.match(late.body.error.message, /15 minutes/);

    const byProducer = (await api(app, s.producer).post(COMMENTS, {
      record,
      body: "Thanks",
    })).body;
    assertApiError(
      await crew.del(`${COMMENTS}/${byProducer.id}`),
      403,
      "crew deletes the producer's",
    );
    assertApiError(
      await api(app, s.vfx).del(url),
      404,
      "vfx cannot see the task",
    );
    assert.equal((await api(app, s.director).del(url)).status, 204);
    assert.equal(
      (await api(app, s.producer).del(`${COMMENTS}/${byProducer.id}`)).status,
      204,
    );
  } finally {
    await app.close();
  }
});

Deno.test("comments api - comment_update reaches exactly who may see the record", async () => {
  const app = await createTestApp({}, {
    moduleData: true,
    hub: { pollMs: 200 },
  });
  const server = serveApp(app);
  const sockets: TestSocket[] = [];
  try {
    const s = await sessions(app);
    const open = async (who: string) => {
      const socket = new TestSocket(
        `ws://127.0.0.1:${server.port}/api/ws?production=${PRODUCTION_ID}`,
        { authorization: `Bearer ${s[who].token}` },
      );
      sockets.push(socket);
      await socket.openedWithin();
      await socket.nextOf("welcome");
      return socket;
    };
    const [crew, director, vfx] = [
      await open("crew"),
      await open("director"),
      await open("vfx"),
    ];
    const record = await crewTaskKey(app, s.crew.id);
    const posted = await api(app, s.producer).post(COMMENTS, {
      record,
      body: "Van booked?",
    });
    const about = (f: Record<string, unknown>) =>
      f.type === "comment_update" &&
      (f.data as { comment: { id: string } }).comment.id === posted.body.id;
    for (const socket of [crew, director]) {
      const frame = await socket.next(about);
      assert.equal((frame.data as { action: string }).action, "created");
    }
    // vfx saw the next event of the log but never the comment.
    const marker = await api(app, s.producer).post(
      "/api/p/northern-lights/announcements",
      { message: "sentinel" },
    );
    await vfx.next((f) =>
      f.type === "announcement" &&
      (f.data as { id: string }).id === marker.body.id
    );
    assert.ok(!vfx.frames.some(about));
  } finally {
    for (const socket of sockets) await socket.close();
    await server.close();
  }
});

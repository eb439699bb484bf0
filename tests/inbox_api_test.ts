import assert from "node:assert/strict";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { api, assertApiError, sessions } from "./helpers/api_client.ts";
import { TestSocket } from "./helpers/events.ts";
import { serveApp } from "./helpers/serve.ts";
import { FILM, SERIES } from "./helpers/two_productions.ts";
import { createTestApp, withApp } from "./helpers/test_app.ts";

const INBOX = "/api/p/northern-lights/inbox";

type Frame = Record<string, unknown>;
const inboxFrame = (action: string) => (f: Frame) =>
  f.type === "inbox_update" && (f.data as { action: string }).action === action;

Deno.test("inbox api - a mention counts in both of crew's tabs; reading clears both", async () => {
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
    const tabs = [await open("crew"), await open("crew")];
    const producerTab = await open("producer");
    const crew = api(app, s.crew);
    assert.deepEqual((await crew.get(`${INBOX}/unread`)).body, { count: 0 });

    const task = (await tasks.list(app.services.kv)).find((t) =>
      t.assigneeId === s.crew.id
    )!;
    await api(app, s.producer).post("/api/p/northern-lights/comments", {
      record: `task:${task.id}`,
      body: "@crew the van is booked",
    });
    const added = await Promise.all(
      tabs.map((tab) => tab.next(inboxFrame("added"))),
    );
    const item = (added[0].data as { item: { id: string; kind: string } })
      .item;
    assert.equal(item.kind, "mention");
    assert.deepEqual((await crew.get(`${INBOX}/unread`)).body, { count: 1 });
    const listed = await crew.get(INBOX);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items.map((i: { id: string }) => i.id), [
      item.id,
    ]);
    assert.equal(listed.body.nextCursor, null);

    const read = await crew.post(`${INBOX}/${item.id}/read`, undefined);
    assert.equal(read.status, 200);
    assert.notEqual(read.body.readAt, null);
    for (const tab of tabs) await tab.next(inboxFrame("read"));
    assert.deepEqual((await crew.get(`${INBOX}/unread`)).body, { count: 0 });
    assert.deepEqual((await crew.get(`${INBOX}?unread=1`)).body.items, []);

    // Two assignments, then read-all: both tabs hear it.
    for (const title of ["Load the van", "Return the van"]) {
      await api(app, s.producer).post("/api/p/northern-lights/tasks", {
        title,
        assigneeId: s.crew.id,
      });
    }
    assert.deepEqual((await crew.get(`${INBOX}/unread`)).body, { count: 2 });
    const all = await crew.post(`${INBOX}/read-all`, undefined);
    assert.deepEqual(all.body, { marked: 2 });
    for (const tab of tabs) await tab.next(inboxFrame("read_all"));
    assert.deepEqual((await crew.get(`${INBOX}/unread`)).body, { count: 0 });
    // The producer's socket never carried crew's inbox.
    assert.ok(!producerTab.frames.some((f) => f.type === "inbox_update"));
  } finally {
    for (const socket of sockets) await socket.close();
    await server.close();
  }
});

Deno.test("inbox api - nobody reads another's inbox, nor another production's", () =>
  withApp(
    async (app) => {
      const s = await sessions(app);
      const producer = api(app, s.producer);
      await producer.post("/api/p/northern-lights/tasks", {
        title: "Scout",
        assigneeId: s.crew.id,
      });
      await producer.post(`/api/p/${SERIES.slug}/tasks`, {
        title: "Scout the harbour",
        assigneeId: s.vfx.id,
      });
      const [mine] = (await api(app, s.crew).get(INBOX)).body.items;
      assert.equal(mine.kind, "assigned");
      assert.match(mine.title, /assigned you “Scout”/);
      // vfx cannot read or mark crew's item: it is not in their inbox.
      assertApiError(
        await api(app, s.vfx).post(`${INBOX}/${mine.id}/read`, undefined),
        404,
        "another's item",
      );
      assert.deepEqual((await api(app, s.vfx).get(INBOX)).body.items, []);
      // vfx's item of the series is in the series only.
      const series = `/api/p/${SERIES.slug}/inbox`;
      assert.equal((await api(app, s.vfx).get(series)).body.items.length, 1);
      assert.deepEqual(
        (await api(app, s.vfx).get(`/api/p/${FILM.slug}/inbox/unread`)).body,
        { count: 0 },
      );
      assert.deepEqual((await api(app, s.crew).get(series)).body.items, []);
      // Not a member of the series: the same 404 as a production that is not.
      assertApiError(await api(app, s.director).get(series), 404, "non-member");
      assertApiError(await api(app, null).get(INBOX), 401, "signed out");
    },
    {},
    { moduleData: true },
  ));

Deno.test("inbox api - bad input is a 4xx JSON error, never a 500", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const crew = api(app, s.crew);
    for (
      const query of [
        "?unread=maybe",
        "?cursor=junk",
        "?cursor=",
        "?page=2",
        "?unread=1&unread=2",
      ]
    ) {
      assertApiError(await crew.get(`${INBOX}${query}`), 400, query);
    }
    assertApiError(
      await crew.post(`${INBOX}/missing/read`, undefined),
      404,
      "no such item",
    );
    assertApiError(
      await crew.post(`${INBOX}/${"x".repeat(200)}/read`, undefined),
      404,
      "impossible id",
    );
    assertApiError(await crew.get(`${INBOX}/read-all`), 405, "GET read-all");
    assertApiError(
      await crew.request("DELETE", `${INBOX}/unread`).then(async (res) => ({
        status: res.status,
        body: await res.json(),
        headers: res.headers,
      })),
      405,
      "DELETE unread",
    );
  }));

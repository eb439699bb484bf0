/**
 * What is per instance stays right with several instances on one store —
 * as with the workers of `deno serve --parallel` on the embedded file, or
 * processes sharing one KV: upload progress frames reach the sockets of
 * every instance, who is online merges all instances, and the production
 * office's status shows every instance. Two apps on one KV file in this
 * process, each with its own hub and KV watch bus.
 */
import assert from "node:assert/strict";
import {
  api,
  type Session,
  type Sessions,
  sessions,
} from "./helpers/api_client.ts";
import { serveApp, type TestServer } from "./helpers/serve.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";
import { eventually, TestSocket } from "./helpers/events.ts";

interface Instance {
  app: TestApp;
  server: TestServer;
}

async function withTwoInstances(
  fn: (a: Instance, b: Instance, s: Sessions) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-instances-" });
  const hub = { pollMs: 200, presenceDebounceMs: 20, presenceHeartbeatMs: 200 };
  const started: Instance[] = [];
  const sockets: TestSocket[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const app = await createTestApp({ kvPath: `${dir}/kv.sqlite3` }, { hub });
      started.push({ app, server: serveApp(app) });
    }
    await fn(started[0], started[1], await sessions(started[0].app));
  } finally {
    for (const socket of sockets) await socket.close();
    for (const { server } of started) await server.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

async function connect(
  instance: Instance,
  who: Session,
): Promise<TestSocket> {
  const socket = new TestSocket(
    `ws://127.0.0.1:${instance.server.port}/api/ws`,
    { authorization: `Bearer ${who.token}` },
  );
  await socket.openedWithin();
  await socket.nextOf("welcome");
  return socket;
}

Deno.test("instances - upload progress reaches the sockets of every instance, once", () =>
  withTwoInstances(async (a, b, s) => {
    const here = await connect(a, s.director);
    const there = await connect(b, s.crew);
    try {
      const body = new Uint8Array(3 * 1024 * 1024).fill(32);
      const res = await api(a.app, s.producer).call(
        "POST",
        "/api/assets?name=notes.txt",
        body,
        {
          "content-type": "application/octet-stream",
          "content-length": String(body.byteLength),
        },
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const done = (f: Record<string, unknown>) =>
        f.type === "upload" &&
        (f.data as { phase: string }).phase === "done";
      await here.next(done);
      await there.next(done);
      // The other instance's socket saw the same frames as this one's,
      // none twice (each instance broadcasts its own, the bus the rest).
      const uploads = (s: TestSocket) =>
        s.frames.filter((f) => f.type === "upload").map((f) =>
          JSON.stringify(f.data)
        );
      assert.ok(uploads(here).length >= 2, "progress, then done");
      assert.deepEqual(uploads(there), uploads(here));
    } finally {
      await here.close();
      await there.close();
    }
  }));

Deno.test("instances - who is online merges every instance", () =>
  withTwoInstances(async (a, b, s) => {
    const crew = await connect(a, s.crew);
    const vfx = await connect(b, s.vfx);
    try {
      const names = (f: Record<string, unknown>) =>
        (f.data as { users: { name: string }[] }).users.map((u) => u.name);
      const both = (f: Record<string, unknown>) =>
        f.type === "presence" && names(f).length === 2;
      const expected = ["Ines Moreau", "Sam Lindqvist"];
      assert.deepEqual(names(await crew.next(both)).sort(), expected);
      assert.deepEqual(names(await vfx.next(both)).sort(), expected);
    } finally {
      await crew.close();
      await vfx.close();
    }
  }));

Deno.test("instances - the production office's status shows every instance", () =>
  withTwoInstances(async (a, b, s) => {
    const sockets = [
      await connect(a, s.crew),
      await connect(b, s.vfx),
      await connect(b, s.director),
    ];
    try {
      const status = async () => {
        const res = await api(a.app, s.producer).get("/api/status");
        assert.equal(res.status, 200);
        return res.body;
      };
      // The other instance's figures arrive with its next heartbeat: no
      // frame announces it here, so the status is read until it shows.
      let stats = await eventually(
        status,
        (s) => s.totals.connections === 3,
        { everyMs: 50, what: "both instances' sockets counted" },
      );
      assert.equal(stats.totals.instances, 2);
      assert.deepEqual(
        stats.instances.map((i: { connections: number; self: boolean }) => [
          i.self,
          i.connections,
        ]),
        [[true, 1], [false, 2]],
      );
      const ids = stats.instances.map((i: { instanceId: string }) =>
        i.instanceId
      );
      assert.deepEqual(ids, [
        a.app.services.hub.instanceId,
        b.app.services.hub.instanceId,
      ]);
      // A stopped instance leaves the status at once.
      await b.server.close();
      stats = await status();
      assert.equal(stats.totals.instances, 1);
    } finally {
      for (const socket of sockets) await socket.close();
    }
  }));

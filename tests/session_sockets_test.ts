/**
 * Ending a sign-in session ends its sockets (DESIGN §5: "Logout closes the
 * session's sockets with 4401 on every instance within 2 s"): two app
 * instances share one KV file, each with its own hub, as two deployments
 * of the app would.
 */
import assert from "node:assert/strict";
import {
  rotateRefreshToken,
  ROTATION_GRACE_MS,
} from "@/lib/auth/refresh_tokens.ts";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { productionKv, STUDIO_LOG_ID } from "@/lib/store/production_kv.ts";
import { CLOSE } from "@/realtime/protocol.ts";
import { withDeadline } from "./helpers/deadline.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, login, ORIGIN } from "./helpers/test_app.ts";
import { loggedEvents, TestSocket } from "./helpers/events.ts";
import { api } from "./helpers/api_client.ts";

/** Resolves with `promise`, or rejects once `ms` have passed. */
const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  withDeadline(promise, ms, what);

async function twoInstances(
  fn: (
    a: Awaited<ReturnType<typeof serve>>,
    b: Awaited<ReturnType<typeof serve>>,
  ) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-sessions-" });
  const kvPath = `${dir}/shared.sqlite3`;
  const a = await serve(kvPath);
  const b = await serve(kvPath);
  try {
    await fn(a, b);
  } finally {
    for (const socket of [...a.sockets, ...b.sockets]) await socket.close();
    await a.stop();
    await b.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

/** One instance: an app on the shared store, served on 127.0.0.1. */
async function serve(kvPath: string) {
  const app = await createTestApp({ kvPath });
  const server = serveApp(app);
  const sockets: TestSocket[] = [];
  return {
    app,
    sockets,
    async connect(token: string, query = "") {
      const socket = new TestSocket(
        `ws://127.0.0.1:${server.port}/api/ws${query}`,
        { authorization: `Bearer ${token}` },
      );
      sockets.push(socket);
      await socket.nextOf("welcome");
      return socket;
    },
    stop: () => server.close(),
  };
}

/** Waits for a pong: the socket is open and its server is listening. */
async function assertOpen(socket: TestSocket, what: string) {
  const t = Math.random();
  socket.send({ type: "ping", t });
  await socket.next((f) => f.type === "pong" && f.t === t, 2_000);
  assert.equal(socket.socket.readyState, WebSocket.OPEN, what);
}

Deno.test("logout closes that session's sockets on every instance with 4401 within 2 s; other sessions stay", () =>
  twoInstances(async (a, b) => {
    const mine = await login(a.app, "crew");
    const other = await login(a.app, "crew"); // same user, another device
    const onB = await b.connect(mine.token);
    const onA = await a.connect(mine.token);
    const otherOnB = await b.connect(other.token);
    const head = await latestEventId(a.app.services.kv);
    const studio = productionKv(a.app.services.store, STUDIO_LOG_ID);
    const studioHead = await latestEventId(studio);

    const started = Date.now();
    const out = await a.app.fetch("/api/auth/logout", {
      method: "POST",
      headers: { cookie: mine.cookie, origin: ORIGIN },
    });
    assert.equal(out.status, 204);
    for (const [socket, where] of [[onA, "A"], [onB, "B"]] as const) {
      const closed = await within(socket.closed, 2_000, `socket on ${where}`);
      assert.equal(closed.code, CLOSE.unauthorized, where);
    }
    assert.ok(Date.now() - started <= 2_000);
    await assertOpen(otherOnB, "the other session's socket");

    // The event that carried the logout exists in the studio's log (every
    // production's sockets hear it), but is nobody's to see.
    const page = await readEventsAfter(studio, studioHead);
    assert.ok(!page.resync);
    assert.deepEqual(
      page.resync ? [] : page.events.map((e) => e.type),
      ["session_ended"],
    );
    assert.deepEqual(await loggedEvents(b.app, head), []);
    for (const frame of otherOnB.frames) {
      assert.notEqual(frame.type, "session_ended");
    }
    const producer = await login(b.app, "producer");
    for (const who of [other, producer]) {
      const res = await api(b.app, who).get(`/api/events?after=${head}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.events, []);
    }
    // Nor is it replayed to a socket resuming from before it.
    const resumed = await b.connect(producer.token, `?after=${head}`);
    const synced = await resumed.nextOf("synced");
    assert.equal(synced.replayed, 0);
    assert.ok(!resumed.frames.some((f) => f.type === "session_ended"));

    // The ended session cannot open a socket again.
    const again = await b.app.fetch("/api/ws", {
      headers: { upgrade: "websocket", authorization: `Bearer ${mine.token}` },
    });
    assert.equal(again.status, 401);
    await again.body?.cancel();
  }));

Deno.test("a refresh token replayed after the grace revokes its family and closes its sockets everywhere", () =>
  twoInstances(async (a, b) => {
    const mine = await login(a.app, "director");
    const onB = await b.connect(mine.token);
    // Rotate, then present the old token again once the grace has passed.
    const kv = a.app.services.kv;
    const first = await rotateRefreshToken(kv, mine.refresh);
    assert.ok(first.ok);
    const replay = await rotateRefreshToken(
      kv,
      mine.refresh,
      Date.now() + ROTATION_GRACE_MS + 1,
    );
    assert.deepEqual(replay, { ok: false, reason: "reused" });
    const closed = await within(onB.closed, 2_000, "socket on B");
    assert.equal(closed.code, CLOSE.unauthorized);
    // Its access tokens stop working at once, too.
    const me = await b.app.fetch("/api/auth/me", {
      headers: { authorization: `Bearer ${mine.token}` },
    });
    assert.equal(me.status, 401);
    await me.body?.cancel();
  }));

Deno.test("a socket that re-authenticates in band follows the new token's session", () =>
  twoInstances(async (a, b) => {
    const first = await login(a.app, "vfx");
    const second = await login(a.app, "vfx");
    const socket = await b.connect(first.token);
    socket.send({ type: "auth", token: second.token });
    // Frames are handled in order: the pong means the auth frame was taken.
    await assertOpen(socket, "after re-auth");
    const logout = async (cookie: string) => {
      const res = await a.app.fetch("/api/auth/logout", {
        method: "POST",
        headers: { cookie, origin: ORIGIN },
      });
      assert.equal(res.status, 204);
    };
    await logout(first.cookie);
    // B has seen the first session end once a later event reaches it.
    const marker = await login(a.app, "producer");
    const watcher = await b.connect(marker.token);
    await logout(marker.cookie);
    await within(watcher.closed, 2_000, "marker session");
    await assertOpen(socket, "the first session's end does not close it");
    await logout(second.cookie);
    const closed = await within(socket.closed, 2_000, "second session");
    assert.equal(closed.code, CLOSE.unauthorized);
  }));

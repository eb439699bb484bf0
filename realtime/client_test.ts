import assert from "node:assert/strict";
import { RealtimeClient } from "./client.ts";
import { ManualClock } from "./clock.ts";

/** A scripted stand-in for the browser WebSocket. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.serverClose(code);
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const welcome = (lastEventId = "0000000000000005") => ({
  type: "welcome",
  connectionId: "c",
  user: { id: "u1", name: "Sam", role: "crew" },
  heartbeatMs: 25_000,
  lastEventId,
  expiresAt: Date.now() + 15 * 60_000,
});

const event = (id: string) => ({
  type: "announcement",
  id,
  ts: 0,
  data: {
    id,
    message: "m",
    level: "info",
    from: { id: "p", name: "P", role: "producer" },
  },
});

function makeClient(fetchStatus: Record<string, number> = {}) {
  FakeSocket.instances = [];
  const requests: string[] = [];
  // Timers run only when a test ticks this clock: none outlives a test.
  const clock = new ManualClock(Date.now());
  const client = new RealtimeClient({
    clock,
    url: "ws://test/api/ws",
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    backoff: { baseMs: 500, capMs: 20_000, random: () => 0 },
    fetch: ((url: string) => {
      requests.push(url);
      const status = fetchStatus[url] ?? 200;
      return Promise.resolve(
        new Response(
          JSON.stringify({ token: "fresh", expiresAt: Date.now() + 900_000 }),
          { status },
        ),
      );
    }) as typeof fetch,
  });
  return {
    client,
    clock,
    requests,
    socket: () => FakeSocket.instances.at(-1)!,
  };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

Deno.test({
  name: "client - online after welcome; events once each, in order",
  fn() {
    const { client, socket } = makeClient();
    client.start();
    assert.equal(client.state.value.status, "connecting");
    socket().open();
    socket().receive(welcome());
    assert.equal(client.state.value.status, "online");
    const seen: string[] = [];
    client.subscribe("announcement", (e) => seen.push(e.id));
    socket().receive(event("0000000000000006"));
    socket().receive(event("0000000000000006"));
    socket().receive(event("0000000000000005"));
    socket().receive(event("0000000000000007"));
    assert.deepEqual(seen, ["0000000000000006", "0000000000000007"]);
    client.stop();
  },
});

Deno.test({
  name: "client - reconnects with backoff and resumes from the last event id",
  fn() {
    const { client, clock, socket } = makeClient();
    client.start();
    socket().open();
    socket().receive(welcome());
    socket().receive(event("0000000000000009"));
    socket().serverClose(1001);
    const state = client.state.value;
    assert.equal(state.status, "reconnecting");
    assert.equal(state.status === "reconnecting" && state.attempt, 1);
    clock.tick(0); // random() = 0: the retry is immediate
    assert.equal(socket().url, "ws://test/api/ws?after=0000000000000009");
    assert.equal(client.state.value.status, "catching-up");
    socket().open();
    socket().receive(welcome("0000000000000012"));
    assert.equal(client.state.value.status, "catching-up");
    socket().receive(event("0000000000000010"));
    socket().receive({ type: "synced", replayed: 1 });
    assert.equal(client.state.value.status, "online");
    assert.equal(client.lastEventId, "0000000000000010");
    client.stop();
  },
});

Deno.test({
  name:
    "client - 4401 refreshes once and reconnects; a second 4401 is signed-out",
  async fn() {
    const { client, socket, requests } = makeClient();
    client.start();
    socket().open();
    socket().receive(welcome());
    socket().serverClose(4401);
    await settle();
    await settle();
    assert.deepEqual(requests, ["/api/auth/refresh"]);
    assert.equal(FakeSocket.instances.length, 2);
    socket().open();
    socket().serverClose(4401);
    await settle();
    assert.equal(client.state.value.status, "signed-out");
    client.stop();
  },
});

Deno.test({
  name: "client - a failed refresh after 4401 means signed-out",
  async fn() {
    const { client, socket } = makeClient({ "/api/auth/refresh": 401 });
    client.start();
    socket().open();
    socket().receive(welcome());
    socket().serverClose(4401);
    await settle();
    await settle();
    assert.equal(client.state.value.status, "signed-out");
    assert.equal(FakeSocket.instances.length, 1);
    client.stop();
  },
});

Deno.test({
  name: "client - a refused handshake with a dead session is signed-out",
  async fn() {
    const { client, socket } = makeClient({
      "/api/auth/me": 401,
      "/api/auth/refresh": 401,
    });
    client.start();
    socket().serverClose(1006);
    await settle();
    await settle();
    await settle();
    assert.equal(client.state.value.status, "signed-out");
    client.stop();
  },
});

Deno.test({
  name: "client - presence, pong RTT and typing handlers",
  fn() {
    const { client, socket } = makeClient();
    client.start();
    socket().open();
    socket().receive(welcome());
    // Unknown, not "no one", until the first presence frame.
    assert.equal(client.presenceKnown.value, false);
    socket().receive({
      type: "presence",
      data: { users: [{ id: "u1", name: "Sam", role: "crew" }] },
    });
    assert.equal(client.presence.value.length, 1);
    assert.equal(client.presenceKnown.value, true);
    socket().receive({ type: "pong", t: performance.now() - 12 });
    assert.ok((client.rtt.value ?? -1) >= 12);
    const typing: string[] = [];
    client.onTyping((n) => typing.push(n.target));
    socket().receive({
      type: "typing",
      data: { userId: "u2", name: "D", target: "script:1", active: true },
    });
    assert.deepEqual(typing, ["script:1"]);
    client.typing("script:1", true);
    assert.deepEqual(socket().sent.at(-1), {
      type: "typing",
      target: "script:1",
      active: true,
    });
    client.stop();
  },
});

import assert from "node:assert/strict";
import { TokenSigner } from "@/lib/auth/jwt.ts";
import {
  type Audience,
  audienceFor,
  type EventType,
  MODULE_EVENT_TYPES,
} from "@/lib/policy.ts";
import type { Role } from "@/lib/roles.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { transact } from "@/lib/store/transaction.ts";
import { scripts } from "@/lib/script/store.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { CLOSE } from "@/realtime/protocol.ts";
import type { HubOptions } from "@/realtime/hub.ts";
import {
  createTestApp,
  login,
  TEST_SECRET,
  type TestApp,
} from "./helpers/test_app.ts";
import { withDeadline } from "./helpers/deadline.ts";
import { serveApp } from "./helpers/serve.ts";
import { TestSocket, waitFor } from "./helpers/events.ts";
import { api, assertApiError, sessions } from "./helpers/api_client.ts";

interface Rig {
  app: TestApp;
  port: number;
  tokens: Record<string, string>;
  ids: Record<string, string>;
  connect(
    username: string,
    query?: string,
    headers?: Record<string, string>,
  ): Promise<TestSocket>;
  announce(message: string): Promise<string>;
  /** Logs an event: to its policy audience, or to `audience` when given. */
  emit(
    type: EventType,
    subject?: Parameters<typeof audienceFor>[1],
    data?: unknown,
    audience?: Audience,
  ): Promise<string>;
  sockets: TestSocket[];
}

async function withRig(
  fn: (rig: Rig) => Promise<void>,
  hub: Partial<Omit<HubOptions, "kv" | "auth" | "bus">> = {},
  options: { moduleData?: boolean } = {},
) {
  const app = await createTestApp({}, {
    hub: { sweepMs: 50, pollMs: 200, presenceDebounceMs: 20, ...hub },
    moduleData: options.moduleData,
  });
  const server = serveApp(app);
  const signedIn = Object.entries(await sessions(app));
  const tokens = Object.fromEntries(signedIn.map(([u, s]) => [u, s.token]));
  const ids = Object.fromEntries(signedIn.map(([u, s]) => [u, s.id]));
  const sockets: TestSocket[] = [];
  const rig: Rig = {
    app,
    port: server.port,
    tokens,
    ids,
    sockets,
    async connect(username, query = "", headers = {}) {
      const socket = new TestSocket(
        `ws://127.0.0.1:${server.port}/api/ws${query}`,
        {
          authorization: `Bearer ${tokens[username]}`,
          ...headers,
        },
      );
      sockets.push(socket);
      await socket.openedWithin();
      await socket.nextOf("welcome");
      return socket;
    },
    async announce(message) {
      const res = await api(app, { token: tokens.producer })
        .post("/api/announcements", { message });
      assert.equal(res.status, 201);
      const { id } = res.body;
      // Find the event this announcement logged (writes may be concurrent).
      for await (
        const entry of app.services.kv.list<
          { id: string; data: { id: string } }
        >({ prefix: ["events"] }, { reverse: true })
      ) {
        if (entry.value.data.id === id) return entry.value.id;
      }
      throw new Error("announcement event not found");
    },
    async emit(type, subject = {}, data = { note: "test" }, audience) {
      const { events } = await transact(app.services.kv, (tx) => {
        tx.emit({
          type,
          audience: audience ?? audienceFor(type, subject),
          data: data as Record<string, unknown>,
        });
        return Promise.resolve();
      });
      return events[0].id;
    },
  };
  try {
    await fn(rig);
  } finally {
    for (const socket of sockets) await socket.close();
    await server.close();
  }
}

const upgradeRequest = (headers: Record<string, string>) =>
  new Request("http://localhost/api/ws", {
    headers: {
      upgrade: "websocket",
      connection: "Upgrade",
      "sec-websocket-version": "13",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      ...headers,
    },
  });

Deno.test("ws - welcome carries the user, heartbeat and the log head", () =>
  withRig(async (rig) => {
    await rig.announce("before");
    const ws = await rig.connect("director");
    const welcome = await ws.nextOf("welcome");
    assert.equal((welcome.user as { role: Role }).role, "director");
    assert.equal(welcome.heartbeatMs, 25_000);
    assert.equal(welcome.lastEventId, "0000000000000001");
    assert.equal(typeof welcome.connectionId, "string");
    assert.ok((welcome.expiresAt as number) > Date.now());
  }));

Deno.test("ws - refused before the upgrade: no token, forged or expired token, bad origin", () =>
  withRig(async (rig) => {
    const signer = new TokenSigner(new TextEncoder().encode(TEST_SECRET));
    const expired = await signer.sign(
      { id: rig.ids.crew, role: "crew" },
      Date.now() - 60 * 60 * 1000,
    );
    const forged = await new TokenSigner(
      new TextEncoder().encode("x".repeat(40)),
    )
      .sign({ id: rig.ids.crew, role: "producer" });
    const cases: [string, Record<string, string>, number][] = [
      ["no token", {}, 401],
      ["expired", { authorization: `Bearer ${expired.token}` }, 401],
      ["forged", { authorization: `Bearer ${forged.token}` }, 401],
      ["foreign origin with cookie", {
        cookie: `ps_session=${rig.tokens.crew}`,
        origin: "https://evil.example",
      }, 403],
      [
        "cookie without origin",
        { cookie: `ps_session=${rig.tokens.crew}` },
        403,
      ],
      ["foreign origin with bearer", {
        authorization: `Bearer ${rig.tokens.crew}`,
        origin: "https://evil.example",
      }, 403],
    ];
    for (const [name, headers, status] of cases) {
      const res = await rig.app.handler(upgradeRequest(headers));
      assert.equal(res.status, status, name);
      await res.body?.cancel();
    }
    // The same-origin cookie handshake is accepted by a real socket.
    const ok = new TestSocket(`ws://127.0.0.1:${rig.port}/api/ws`, {
      cookie: `ps_session=${rig.tokens.crew}`,
      origin: `http://127.0.0.1:${rig.port}`,
    });
    rig.sockets.push(ok);
    await ok.openedWithin();
    await ok.nextOf("welcome");
  }));

/** The event types with a module row in the policy table. */
type ModuleEventType = typeof MODULE_EVENT_TYPES[number];

const EXPECTED: Record<ModuleEventType, string[]> = {
  // Who of the six demo users gets each event (DESIGN §3), given a task
  // assigned to crew and a user_update about vfx.
  task_update: ["producer", "prodmanager", "director", "crew"],
  budget_update: ["producer", "prodmanager"],
  script_update: ["producer", "prodmanager", "director", "crew", "vfx"],
  vfx_update: ["producer", "director", "vfx"],
  asset_update: [
    "producer",
    "prodmanager",
    "director",
    "crew",
    "vfx",
    "distribution",
  ],
  announcement: [
    "producer",
    "prodmanager",
    "director",
    "crew",
    "vfx",
    "distribution",
  ],
  user_update: ["producer", "prodmanager", "director", "vfx"],
  production_update: [
    "producer",
    "prodmanager",
    "director",
    "crew",
    "vfx",
    "distribution",
  ],
  schedule_update: ["producer", "prodmanager", "director", "crew", "vfx"],
  // By its row alone (a draft call sheet): management. A published sheet's
  // members come from its service (recordAudience with its calledIds).
  callsheet_update: ["producer", "prodmanager", "director"],
};

Deno.test("ws - every event type reaches exactly its audience", () =>
  withRig(async (rig) => {
    const sockets = new Map<string, TestSocket>();
    for (const demo of DEMO_USERS) {
      sockets.set(demo.username, await rig.connect(demo.username));
    }
    for (
      const [type, expected] of Object.entries(EXPECTED) as [
        ModuleEventType,
        string[],
      ][]
    ) {
      const id = type === "user_update"
        ? await rig.emit(type, { subjectUserId: rig.ids.vfx }, {
          action: "updated",
          user: {
            id: rig.ids.vfx,
            name: "Ines Moreau",
            role: "vfx",
            active: true,
          },
        })
        : await rig.emit(type, { assigneeId: rig.ids.crew });
      // Everyone hears the sentinel after it: whoever did not get the event
      // by then never will (delivery follows log order).
      const sentinel = await rig.announce(`after ${type}`);
      for (const [username, socket] of sockets) {
        await socket.nextOf("announcement", sentinel);
        const got = socket.events().filter((e) => e.id === id).length;
        assert.equal(
          got,
          expected.includes(username) ? 1 : 0,
          `${type} → ${username}`,
        );
      }
    }
  }));

Deno.test("ws - an event about records of several modules reaches exactly the audience its service computed", () =>
  withRig(async (rig) => {
    const sockets = new Map<string, TestSocket>();
    for (const demo of DEMO_USERS) {
      sockets.set(demo.username, await rig.connect(demo.username));
    }
    // A link between a crew member's task and a scene: management, and
    // crew as the task's assignee (lib/links).
    const id = await rig.emit("link_update", {}, { action: "created" }, {
      roles: ["producer", "production_manager", "director"],
      users: [rig.ids.crew],
    });
    const sentinel = await rig.announce("after link_update");
    for (const [username, socket] of sockets) {
      await socket.nextOf("announcement", sentinel);
      assert.equal(
        socket.events().filter((e) => e.id === id).length,
        ["producer", "prodmanager", "director", "crew"].includes(username)
          ? 1
          : 0,
        `link_update → ${username}`,
      );
    }
  }));

Deno.test("ws - a reassigned task reaches the old and the new assignee once each", () =>
  withRig(async (rig) => {
    const crew = await rig.connect("crew");
    const vfx = await rig.connect("vfx");
    const dist = await rig.connect("distribution");
    const producer = await rig.connect("producer");
    const id = await rig.emit("task_update", {
      assigneeId: rig.ids.vfx,
      previousAssigneeId: rig.ids.crew,
    });
    const sentinel = await rig.announce("done");
    for (const s of [crew, vfx, dist, producer]) {
      await s.nextOf("announcement", sentinel);
    }
    assert.equal(crew.events().filter((e) => e.id === id).length, 1);
    assert.equal(vfx.events().filter((e) => e.id === id).length, 1);
    assert.equal(producer.events().filter((e) => e.id === id).length, 1);
    assert.equal(dist.events().filter((e) => e.id === id).length, 0);
  }));

Deno.test("ws - resume replays what was missed, then synced, then live, seamless under concurrent writes", () =>
  withRig(async (rig) => {
    const first = await rig.connect("crew");
    const cursor = (await first.nextOf("welcome")).lastEventId as string;
    await first.close();
    const missed: string[] = [];
    for (let i = 0; i < 30; i++) missed.push(await rig.announce(`missed ${i}`));
    // Events the crew may not see are skipped by the replay.
    await rig.emit("budget_update");
    const resumed = new TestSocket(
      `ws://127.0.0.1:${rig.port}/api/ws?after=${cursor}`,
      {
        authorization: `Bearer ${rig.tokens.crew}`,
      },
    );
    rig.sockets.push(resumed);
    // Writes keep landing while the replay runs.
    const during = Promise.all(
      Array.from({ length: 30 }, (_, i) => rig.announce(`during ${i}`)),
    );
    await resumed.openedWithin();
    const synced = await resumed.nextOf("synced");
    const duringIds = await during;
    const last = await rig.announce("after");
    await resumed.nextOf("announcement", last);
    const ids = resumed.events().map((e) => e.id);
    const all = [...missed, ...duringIds, last].sort();
    assert.deepEqual(ids, all, "every visible event exactly once, in order");
    assert.ok((synced.replayed as number) >= 30);
    const syncedAt = resumed.frames.indexOf(synced);
    const replayedIds = resumed.frames.slice(0, syncedAt).filter((f) => f.id)
      .map((f) => f.id);
    assert.deepEqual(replayedIds, ids.slice(0, replayedIds.length));
  }));

Deno.test("ws - a cursor older than the log gets resync", () =>
  withRig(async (rig) => {
    await rig.announce("one");
    await rig.announce("two");
    await rig.app.services.kv.delete(["events", "0000000000000001"]);
    const ws = await rig.connect("crew", "?after=0000000000000000");
    await ws.nextOf("resync");
    const live = await rig.announce("live");
    await ws.nextOf("announcement", live);
  }));

Deno.test("GET /api/events - the same replay over HTTP, filtered by role", () =>
  withRig(async (rig) => {
    const a = await rig.announce("for all");
    const b = await rig.emit("budget_update");
    const get = async (username: string, query: string) =>
      (await api(rig.app, { token: rig.tokens[username] })
        .get(`/api/events${query}`)).body;
    const crew = await get("crew", "?after=0000000000000000");
    assert.deepEqual(crew.events.map((e: { id: string }) => e.id), [a]);
    assert.equal(crew.lastEventId, b);
    const producer = await get("producer", "?after=0000000000000000");
    assert.deepEqual(producer.events.map((e: { id: string }) => e.id), [a, b]);
    const bad = await api(rig.app, { token: rig.tokens.crew })
      .get("/api/events?after=zzz");
    assert.equal(bad.status, 400);
  }));

Deno.test("ws - malformed and unknown frames get an error frame; ping gets pong", () =>
  withRig(async (rig) => {
    const ws = await rig.connect("crew");
    ws.send("not json");
    await ws.next((f) => f.type === "error" && f.code === "bad_frame");
    ws.send({ type: "subscribe", room: "role:producer" });
    await waitFor(() =>
      ws.frames.filter((f) => f.type === "error").length === 2
    );
    ws.send({ type: "ping", t: 42 });
    assert.deepEqual(await ws.nextOf("pong"), { type: "pong", t: 42 });
  }));

Deno.test("ws - an oversize frame closes with 1009", () =>
  withRig(async (rig) => {
    const ws = await rig.connect("crew");
    ws.send({ type: "ping", t: 1, pad: "x".repeat(70_000) });
    assert.equal((await ws.closedWithin()).code, CLOSE.tooBig);
  }));

Deno.test("ws - a flood gets error frames, then close 4429", () =>
  withRig(async (rig) => {
    const ws = await rig.connect("crew");
    // Lock-step: each frame waits for its answer, so the client never
    // writes after the server's close frame (which would reset the socket).
    let closed = false;
    ws.closed.then(() => closed = true);
    for (let i = 0; i < 200 && !closed; i++) {
      const seen = ws.frames.length;
      ws.send({ type: "ping", t: i });
      await Promise.race([
        ws.closed,
        ws.next((f) => ws.frames.indexOf(f) >= seen),
      ]);
    }
    const errors = ws.frames.filter((f) =>
      f.type === "error" && f.code === "rate_limited"
    );
    assert.equal(errors.length, 9, "strikes before the close");
    assert.ok(
      ws.frames.filter((f) => f.type === "pong").length >= 40,
      "the burst passes",
    );
    assert.equal((await ws.closedWithin()).code, CLOSE.rateLimited);
    assert.equal(rig.app.services.hub.stats().rateLimitCloses, 1);
  }));

Deno.test("ws - per-user connection cap and per-address handshake rate", () =>
  withRig(async (rig) => {
    await rig.connect("crew");
    await rig.connect("crew");
    const third = await rig.app.handler(
      upgradeRequest({ authorization: `Bearer ${rig.tokens.crew}` }),
    );
    assert.equal(third.status, 429);
    assert.equal((await third.json()).error.code, "too_many_connections");
    await rig.connect("vfx");
    const limited = await rig.app.handler(
      upgradeRequest({ authorization: `Bearer ${rig.tokens.vfx}` }),
    );
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    await limited.body?.cancel();
  }, { maxSocketsPerUser: 2, handshakesPerMinute: 4 }));

Deno.test("ws - the socket closes with 4401 when its token expires, unless refreshed in-band", () =>
  withRig(async (rig) => {
    const signer = new TokenSigner(new TextEncoder().encode(TEST_SECRET));
    // A token issued 14 min 59 s ago: one second of life left.
    const short = await signer.sign(
      { id: rig.ids.crew, role: "crew" },
      Date.now() - 899_000,
    );
    const open = (token: string) => {
      const s = new TestSocket(`ws://127.0.0.1:${rig.port}/api/ws`, {
        authorization: `Bearer ${token}`,
      });
      rig.sockets.push(s);
      return s;
    };
    const expiring = open(short.token);
    const refreshed = open(
      (await signer.sign(
        { id: rig.ids.crew, role: "crew" },
        Date.now() - 899_000,
      )).token,
    );
    await refreshed.nextOf("welcome");
    refreshed.send({ type: "auth", token: rig.tokens.crew });
    refreshed.send({ type: "ping", t: 1 });
    await refreshed.nextOf("pong");
    assert.equal((await expiring.closedWithin()).code, CLOSE.unauthorized);
    // Another user's token is refused in-band.
    refreshed.send({ type: "auth", token: rig.tokens.vfx });
    await refreshed.next((f) =>
      f.type === "error" && f.code === "invalid_token"
    );
    const live = await rig.announce("still here");
    await refreshed.nextOf("announcement", live);
  }));

Deno.test("ws - a role change re-rooms the socket; deactivation closes it with 4401", () =>
  withRig(async (rig) => {
    const crew = await rig.connect("crew");
    const before = await rig.emit("budget_update");
    const patch = (body: unknown) =>
      api(rig.app, { token: rig.tokens.producer })
        .patch(`/api/users/${rig.ids.crew}`, body);
    await patch({ role: "production_manager" });
    const after = await rig.emit("budget_update");
    await crew.nextOf("budget_update", after);
    assert.equal(crew.events().filter((e) => e.id === before).length, 0);
    await patch({ active: false });
    assert.equal((await crew.closedWithin()).code, CLOSE.unauthorized);
  }));

Deno.test("ws - removing a member closes their sockets with 4403 and refuses their next request", () =>
  withRig(async (rig) => {
    const crew = await rig.connect("crew");
    const removed = await api(rig.app, { token: rig.tokens.producer })
      .del(`/api/users/${rig.ids.crew}`);
    assert.equal(removed.status, 204);
    const closed = await crew.closedWithin(2_000);
    assert.equal(closed.code, CLOSE.forbidden);
    const again = await api(rig.app, { token: rig.tokens.crew })
      .get("/api/tasks");
    // A non-member gets 404 for everything of a production (DESIGN §3);
    // the account itself stays signed in, a member elsewhere only.
    assertApiError(again, 404);
    const mine = await api(rig.app, { token: rig.tokens.crew })
      .get("/api/productions");
    assert.deepEqual(
      mine.body.map((p: { slug: string; role: string }) => [p.slug, p.role]),
      [["saltwater-block-2", "production_manager"]],
    );
    // Back as a member: the same account, a new membership.
    const back = await api(rig.app, { token: rig.tokens.producer })
      .post("/api/users", { username: "crew", role: "vfx" });
    assert.equal(back.status, 201);
    assert.equal(back.body.role, "vfx");
  }));

Deno.test("ws - typing reaches only users who may read the target, never the typist", () =>
  withRig(
    async (rig) => {
      const [script] = await scripts.list(rig.app.services.kv);
      const target = `script:${script.id}`;
      const director = await rig.connect("director");
      const crew = await rig.connect("crew");
      const dist = await rig.connect("distribution");
      director.send({ type: "typing", target, active: true });
      const typing = await crew.nextOf("typing");
      assert.deepEqual(typing.data, {
        userId: rig.ids.director,
        name: "Dana Kowalski",
        target,
        active: true,
      });
      // Throttled: a second "active" within the window is dropped; "stopped"
      // is not (it is relayed when the window ends).
      director.send({ type: "typing", target, active: true });
      director.send({ type: "typing", target, active: false });
      await crew.next((f) =>
        f.type === "typing" && (f.data as { active: boolean }).active === false
      );
      assert.equal(crew.frames.filter((f) => f.type === "typing").length, 2);
      const sentinel = await rig.announce("sentinel");
      await dist.nextOf("announcement", sentinel);
      await director.nextOf("announcement", sentinel);
      assert.equal(dist.frames.filter((f) => f.type === "typing").length, 0);
      assert.equal(
        director.frames.filter((f) => f.type === "typing").length,
        0,
      );
      // A target the sender may not read is refused.
      dist.send({ type: "typing", target, active: true });
      await dist.next((f) => f.type === "error" && f.code === "forbidden");
    },
    { typingThrottleMs: 500 },
    { moduleData: true },
  ));

/** Typing frames `socket` received, as `active` flags. */
const typingOf = (socket: TestSocket) =>
  socket.frames.filter((f) => f.type === "typing").map((f) =>
    (f.data as { active: boolean }).active
  );

Deno.test("ws - alternating typing true/false relays at most one frame per window, and the stop", () =>
  withRig(
    async (rig) => {
      const [script] = await scripts.list(rig.app.services.kv);
      const target = `script:${script.id}`;
      const director = await rig.connect("director");
      const crew = await rig.connect("crew");
      director.send({ type: "typing", target, active: true });
      await crew.nextOf("typing");
      // Then a flood flipping between the two, ending on "stopped".
      for (let i = 1; i < 20; i++) {
        director.send({ type: "typing", target, active: i % 2 === 0 });
      }
      await crew.next((f) =>
        f.type === "typing" && (f.data as { active: boolean }).active === false
      );
      // The client's last word was "stop" and that is out, so nothing else
      // is due; the sentinel comes after anything that was sent.
      const sentinel = await rig.announce("sentinel");
      await crew.nextOf("announcement", sentinel);
      assert.deepEqual(typingOf(crew), [true, false]);
    },
    { typingThrottleMs: 400 },
    { moduleData: true },
  ));

Deno.test("ws - typing on a record that does not exist, or on too many records, relays nothing", () =>
  withRig(
    async (rig) => {
      const director = await rig.connect("director");
      const producer = await rig.connect("producer");
      const crew = await rig.connect("crew");
      // Made-up targets: each refused, none relayed, however many.
      const refusals = () =>
        director.frames.filter((f) => f.code === "forbidden").length;
      for (let i = 0; i < 25; i++) {
        director.send({
          type: "typing",
          target: `task:made-up-${i}`,
          active: true,
        });
        await waitFor(() => refusals() === i + 1, 5_000, `refusal ${i + 1}`);
      }
      // A known module whose record exists: relayed to its readers only.
      const all = await tasks.list(rig.app.services.kv);
      const notCrews = all.filter((t) => t.assigneeId !== rig.ids.crew);
      assert.ok(notCrews.length >= 21, "enough tasks in the sample data");
      // The crew member may not type on a task that is not theirs.
      crew.send({
        type: "typing",
        target: `task:${notCrews[0].id}`,
        active: true,
      });
      await crew.next((f) => f.type === "error" && f.code === "forbidden");
      // Distinct records per socket are capped at 20.
      for (const task of notCrews.slice(0, 21)) {
        director.send({
          type: "typing",
          target: `task:${task.id}`,
          active: true,
        });
      }
      await director.next((f) =>
        f.type === "error" && f.code === "too_many_targets"
      );
      await waitFor(
        () => typingOf(producer).length === 20,
        5_000,
        "20 typing frames",
      );
      const sentinel = await rig.announce("sentinel");
      await producer.nextOf("announcement", sentinel);
      await crew.nextOf("announcement", sentinel);
      const targets = producer.frames.filter((f) => f.type === "typing").map((
        f,
      ) => (f.data as { target: string }).target);
      assert.deepEqual(
        targets.sort(),
        notCrews.slice(0, 20).map((t) => `task:${t.id}`).sort(),
      );
      assert.deepEqual(typingOf(crew), [], "not a reader of those tasks");
    },
    {},
    { moduleData: true },
  ));

Deno.test("ws - presence lists each online user once, however many tabs", () =>
  withRig(async (rig) => {
    const a = await rig.connect("crew");
    await rig.connect("crew");
    const b = await rig.connect("vfx");
    const names = (f: Record<string, unknown>) =>
      (f.data as { users: { name: string }[] }).users.map((u) => u.name);
    await a.next((f) => f.type === "presence" && names(f).length === 2);
    await b.close();
    const last = await a.next((f) =>
      f.type === "presence" && names(f).length === 1
    );
    assert.deepEqual(names(last), ["Sam Lindqvist"]);
  }));

Deno.test("ws - every new socket hears who is online right after welcome, also after a page change", () =>
  withRig(async (rig) => {
    const names = (f: Record<string, unknown>) =>
      (f.data as { users: { name: string }[] }).users.map((u) => u.name);
    const director = await rig.connect("director");
    const first = await rig.connect("crew");
    await first.nextOf("presence");
    assert.equal(first.frames[1].type, "presence", "right after welcome");
    assert.deepEqual(names(first.frames[1]), [
      "Dana Kowalski",
      "Sam Lindqvist",
    ]);
    // A page change: the old page's socket closes, the new page's opens
    // within the presence debounce, so the online list nets to no change.
    await first.close();
    const second = await rig.connect("crew");
    await second.nextOf("presence");
    assert.equal(second.frames[0].type, "welcome");
    assert.equal(second.frames[1].type, "presence", "right after welcome");
    assert.deepEqual(names(second.frames[1]), [
      "Dana Kowalski",
      "Sam Lindqvist",
    ]);
    // A resuming socket too, before its replay.
    const resumed = await rig.connect("director", "?after=0000000000000000");
    await resumed.nextOf("synced");
    assert.equal(resumed.frames[1].type, "presence");
    assert.equal(director.frames[1].type, "presence");
  }, { presenceDebounceMs: 500 }));

Deno.test("ws - a reader that stays behind is closed with 1013", () =>
  withRig(async (rig) => {
    // A raw client that completes the handshake and never reads.
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: rig.port });
    try {
      await conn.write(new TextEncoder().encode(
        "GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
          "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" +
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
          `Authorization: Bearer ${rig.tokens.producer}\r\n\r\n`,
      ));
      await waitFor(() => rig.app.services.hub.stats().connections === 1);
      const big = { blob: "x".repeat(60_000) };
      for (
        let i = 0;
        i < 300 && rig.app.services.hub.stats().slowCloses === 0;
        i++
      ) {
        await rig.emit("budget_update", {}, big);
      }
      await waitFor(
        () => rig.app.services.hub.stats().slowCloses === 1,
        5_000,
        "slow close",
      );
    } finally {
      conn.close();
    }
  }, { maxBufferedBytes: 1024 * 1024, slowGraceMs: 100 }));

Deno.test("ws - shutdown closes sockets with 1001", async () => {
  const app = await createTestApp({}, { hub: { sweepMs: 50 } });
  const server = serveApp(app);
  try {
    const { token } = await login(app, "crew");
    const ws = new TestSocket(`ws://127.0.0.1:${server.port}/api/ws`, {
      authorization: `Bearer ${token}`,
    });
    await ws.nextOf("welcome");
    await app.services.hub.shutdown();
    assert.equal((await ws.closedWithin()).code, CLOSE.goingAway);
  } finally {
    await server.close();
  }
});

Deno.test("ws - shutdown is bounded when a client never answers the close", () =>
  withRig(async (rig) => {
    // A raw client that completes the handshake and then never reads.
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: rig.port });
    try {
      await conn.write(new TextEncoder().encode(
        "GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
          "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" +
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
          `Authorization: Bearer ${rig.tokens.crew}\r\n\r\n`,
      ));
      await waitFor(() => rig.app.services.hub.stats().connections === 1);
      const started = performance.now();
      await withDeadline(rig.app.services.hub.shutdown(), 10_000, "shutdown");
      // It waits for the close answer at most a second, then lets go.
      assert.ok(performance.now() - started < 3_000);
    } finally {
      conn.close();
    }
  }));

Deno.test("health - liveness only; connection counts are for the production office", () =>
  withRig(async (rig) => {
    await rig.connect("crew");
    await rig.connect("crew");
    await rig.connect("producer");
    const health = await rig.app.fetch("/api/health");
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok" });
    const status = (who: string | null) =>
      api(rig.app, who === null ? null : { token: rig.tokens[who] })
        .get("/api/status");
    const stats = (await status("producer")).body;
    assert.equal(stats.totals.connections, 3);
    assert.equal(stats.instances.length, 1);
    assert.deepEqual(stats.instances[0].byRole, { crew: 2, producer: 1 });
    for (
      const [who, code] of [["prodmanager", 200], ["crew", 403], [
        "director",
        403,
      ], [null, 401]] as const
    ) {
      const res = await status(who);
      assert.equal(res.status, code, String(who));
    }
  }));

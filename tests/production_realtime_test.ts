/**
 * Isolation between productions over the WebSocket channel (issue #12,
 * DESIGN §5: "a socket carries one production's events"), on the two demo
 * productions served over real sockets: events, presence, typing and
 * upload progress stay in their production; a non-member's handshake is a
 * 404; removing a member or changing their role acts on their socket of
 * that production only; logout closes the session's sockets everywhere;
 * the home socket hears of its account's productions only. Every wait is
 * for a frame; a frame that must not come is checked after a later frame
 * of the same socket (a sentinel) that delivery order puts behind it.
 */
import assert from "node:assert/strict";
import { tinyPdf } from "@/lib/assets/seed.ts";
import { readEventsAfter, type StoredEvent } from "@/lib/store/event_log.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { scripts } from "@/lib/script/store.ts";
import { CLOSE } from "@/realtime/protocol.ts";
import type { HubOptions } from "@/realtime/hub.ts";
import { type Bus, type BusMessage, KvWatchBus } from "@/realtime/bus.ts";
import { api, type Sessions, sessions } from "./helpers/api_client.ts";
import { TestSocket, waitFor } from "./helpers/events.ts";
import { serveApp } from "./helpers/serve.ts";
import {
  createTestApp,
  login,
  ORIGIN,
  type TestApp,
} from "./helpers/test_app.ts";
import {
  apiIn,
  type DemoProduction,
  FILM,
  SERIES,
  viewOf,
} from "./helpers/two_productions.ts";

type Frame = Record<string, unknown>;

interface Rig {
  app: TestApp;
  port: number;
  s: Sessions;
  /** Opens `who`'s socket of production `which` (an id or a slug). */
  connect(who: string | { token: string }, which: string): Promise<TestSocket>;
  /** Opens `who`'s home socket. */
  home(who: string | { token: string }): Promise<TestSocket>;
  /** A new announcement in `p` by its producer: the record's id. */
  announce(p: DemoProduction, message?: string): Promise<string>;
  /** A new task in `p` by its producer: the record's id. */
  task(p: DemoProduction, assignee?: string): Promise<string>;
  /** A new budget category in `p` by its producer: the record's id. */
  category(p: DemoProduction): Promise<string>;
}

async function withRig(
  fn: (rig: Rig) => Promise<void>,
  hub: Partial<Omit<HubOptions, "kv" | "auth" | "bus">> = {},
  bus?: Bus,
) {
  const app = await createTestApp({}, {
    hub: { sweepMs: 50, pollMs: 200, presenceDebounceMs: 20, ...hub },
    moduleData: true,
    bus,
  });
  const server = serveApp(app);
  const s = await sessions(app);
  const sockets: TestSocket[] = [];
  const tokenOf = (who: string | { token: string }) =>
    typeof who === "string" ? s[who].token : who.token;
  const open = async (who: string | { token: string }, query: string) => {
    const socket = new TestSocket(
      `ws://127.0.0.1:${server.port}/api/ws?${query}`,
      { authorization: `Bearer ${tokenOf(who)}` },
    );
    sockets.push(socket);
    await socket.openedWithin();
    await socket.nextOf("welcome");
    return socket;
  };
  const producer = api(app, s.producer);
  let codes = 9900;
  const rig: Rig = {
    app,
    port: server.port,
    s,
    connect: (who, which) =>
      open(who, `production=${encodeURIComponent(which)}`),
    home: (who) => open(who, "scope=home"),
    async announce(p, message = "sentinel") {
      const res = await producer.post(apiIn(p, "/announcements"), { message });
      assert.equal(res.status, 201);
      return res.body.id;
    },
    async task(p, assignee = "crew") {
      const res = await producer.post(apiIn(p, "/tasks"), {
        title: `A task of ${p.slug}`,
        assigneeId: s[assignee].id,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body.id;
    },
    async category(p) {
      const code = String(codes++);
      const res = await producer.post(apiIn(p, "/budget/categories"), {
        name: `Account ${code} of ${p.slug}`,
        code,
        section: "below_the_line",
        allocatedCents: 10_000,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body.id;
    },
  };
  try {
    await fn(rig);
  } finally {
    for (const socket of sockets) await socket.close();
    await server.close();
  }
}

/** The event frame of `type` about record `recordId`. */
function about(socket: TestSocket, type: string, recordId: string) {
  return socket.next((f) =>
    f.type === type && typeof f.id === "string" &&
    JSON.stringify(f.data).includes(recordId)
  );
}

/** Whether `socket` got an event frame about `recordId`. */
function heardOf(socket: TestSocket, recordId: string): boolean {
  return socket.events().some((f) => JSON.stringify(f.data).includes(recordId));
}

/** A production's whole log. */
async function logOf(app: TestApp, p: DemoProduction): Promise<StoredEvent[]> {
  const page = await readEventsAfter(viewOf(app, p), "0000000000000000", 500);
  assert.ok(!page.resync);
  return page.resync ? [] : page.events;
}

/** Asserts each event frame of `socket` is the event of that id in `log`. */
function onlyFrom(socket: TestSocket, log: StoredEvent[], what: string) {
  for (const frame of socket.events()) {
    const stored = log.find((e) => e.id === frame.id);
    assert.ok(stored, `${what}: ${frame.type} ${frame.id} is not in its log`);
    assert.deepEqual(
      { type: frame.type, data: frame.data },
      { type: stored.type, data: stored.data },
      `${what}: ${frame.id}`,
    );
  }
}

/** Waits for a pong: the socket is open and its server answers. */
async function assertOpen(socket: TestSocket, what: string) {
  const t = Math.random();
  socket.send({ type: "ping", t });
  await socket.next((f) => f.type === "pong" && f.t === t, 2_000);
  assert.equal(socket.socket.readyState, WebSocket.OPEN, what);
}

Deno.test("ws productions - a socket gets only its production's events, by id or by slug", () =>
  withRig(async (rig) => {
    const crewFilm = await rig.connect("crew", FILM.id);
    const crewSeries = await rig.connect("crew", SERIES.slug);
    const producerFilm = await rig.connect("producer", FILM.slug);
    const producerSeries = await rig.connect("producer", SERIES.id);
    const roleOf = (socket: TestSocket) =>
      ((socket.frames[0] as Frame).user as { role: string }).role;
    assert.equal(roleOf(crewFilm), "crew");
    assert.equal(roleOf(crewSeries), "production_manager");

    // Writes in both, interleaved.
    const filmTask = await rig.task(FILM, "crew");
    const seriesTask = await rig.task(SERIES, "crew");
    const seriesBudget = await rig.category(SERIES);
    const filmBudget = await rig.category(FILM);
    const filmNote = await rig.announce(FILM, "film news");
    const seriesNote = await rig.announce(SERIES, "series news");

    await about(crewFilm, "task_update", filmTask);
    await about(crewFilm, "announcement", filmNote);
    await about(crewSeries, "task_update", seriesTask);
    await about(crewSeries, "budget_update", seriesBudget);
    await about(crewSeries, "announcement", seriesNote);
    for (const producer of [producerFilm, producerSeries]) {
      const mine = producer === producerFilm;
      await about(producer, "budget_update", mine ? filmBudget : seriesBudget);
      await about(producer, "announcement", mine ? filmNote : seriesNote);
    }
    // Each socket's last event came after every other write of its
    // production, so whatever of the other's would have been sent, was.
    const film = await logOf(rig.app, FILM);
    const series = await logOf(rig.app, SERIES);
    for (
      const [socket, log, what] of [
        [crewFilm, film, "crew on the film"],
        [producerFilm, film, "producer on the film"],
        [crewSeries, series, "crew on the series"],
        [producerSeries, series, "producer on the series"],
      ] as const
    ) {
      onlyFrom(socket, log, what);
    }
    for (const socket of [crewFilm, producerFilm]) {
      for (const id of [seriesTask, seriesBudget, seriesNote]) {
        assert.ok(!heardOf(socket, id), id);
      }
    }
    for (const socket of [crewSeries, producerSeries]) {
      for (const id of [filmTask, filmBudget, filmNote]) {
        assert.ok(!heardOf(socket, id), id);
      }
    }
    // Crew is crew on the film: the series' budget, which they run, never
    // reaches their film socket, nor the film's budget either.
    assert.ok(!crewFilm.events().some((f) => f.type === "budget_update"));
  }));

/** The names a presence frame lists. */
const names = (f: Frame) =>
  (f.data as { users: { name: string }[] }).users.map((u) => u.name).sort();

Deno.test("ws productions - presence lists only the production's own online users", () =>
  withRig(async (rig) => {
    const producerFilm = await rig.connect("producer", FILM.id);
    const directorFilm = await rig.connect("director", FILM.id);
    // Crew is a member of the film too, but online on the series only.
    const crewSeries = await rig.connect("crew", SERIES.id);
    const vfxSeries = await rig.connect("vfx", SERIES.id);
    const film = ["Dana Kowalski", "Paula Reyes"];
    const series = ["Ines Moreau", "Sam Lindqvist"];
    const listing = (list: string[]) => (f: Frame) =>
      f.type === "presence" && JSON.stringify(names(f)) ===
        JSON.stringify([...list].sort());
    await producerFilm.next(listing(film));
    await crewSeries.next(listing(series));
    // One more on each: each list grows by its own newcomer only.
    await rig.connect("prodmanager", FILM.id);
    const filmNow = [...film, "Marcus Obi"];
    await producerFilm.next(listing(filmNow));
    await directorFilm.next(listing(filmNow));
    await rig.connect("producer", SERIES.id);
    const seriesNow = [...series, "Paula Reyes"];
    await crewSeries.next(listing(seriesNow));
    const last = await vfxSeries.next(listing(seriesNow));
    const roles = Object.fromEntries(
      (last.data as { users: { name: string; role: string }[] }).users.map((
        u,
      ) => [u.name, u.role]),
    );
    assert.deepEqual(roles, {
      "Ines Moreau": "crew",
      "Paula Reyes": "producer",
      "Sam Lindqvist": "production_manager",
    });
    for (
      const [socket, allowed] of [
        [producerFilm, filmNow],
        [directorFilm, filmNow],
        [crewSeries, seriesNow],
        [vfxSeries, seriesNow],
      ] as const
    ) {
      for (const frame of socket.frames.filter((f) => f.type === "presence")) {
        for (const name of names(frame)) {
          assert.ok(allowed.includes(name), `${name} listed`);
        }
      }
    }
  }));

/** The typing frames `socket` received. */
const typings = (socket: TestSocket) =>
  socket.frames.filter((f) => f.type === "typing").map((f) =>
    f.data as { userId: string; target: string }
  );

Deno.test("ws productions - typing on a record of the other production is relayed to no one", () =>
  withRig(async (rig) => {
    const [seriesTask] = (await tasks.list(viewOf(rig.app, SERIES)))
      .filter((t) => t.assigneeId === rig.s.vfx.id);
    const [filmScript] = await scripts.list(viewOf(rig.app, FILM));
    assert.ok(seriesTask && filmScript, "sample data in both");
    const producerFilm = await rig.connect("producer", FILM.id);
    const crewFilm = await rig.connect("crew", FILM.id);
    const producerSeries = await rig.connect("producer", SERIES.id);
    const crewSeries = await rig.connect("crew", SERIES.id);
    const vfxSeries = await rig.connect("vfx", SERIES.id);
    const seriesTarget = `task:${seriesTask.id}`;
    const filmTarget = `script:${filmScript.id}`;

    // A film socket typing on the series' task, a series socket typing on
    // the film's script: no such record where the socket is.
    producerFilm.send({ type: "typing", target: seriesTarget, active: true });
    crewSeries.send({ type: "typing", target: filmTarget, active: true });
    for (const typist of [producerFilm, crewSeries]) {
      await typist.next((f) => f.type === "error" && f.code === "forbidden");
    }
    // The same targets typed on in their own production reach its readers.
    producerSeries.send({ type: "typing", target: seriesTarget, active: true });
    crewFilm.send({ type: "typing", target: filmTarget, active: true });
    await crewSeries.next((f) => f.type === "typing");
    await vfxSeries.next((f) => f.type === "typing");
    await producerFilm.next((f) => f.type === "typing");

    // Then everything sent before has been delivered.
    const filmNote = await rig.announce(FILM);
    const seriesNote = await rig.announce(SERIES);
    for (const socket of [producerFilm, crewFilm]) {
      await about(socket, "announcement", filmNote);
    }
    for (const socket of [producerSeries, crewSeries, vfxSeries]) {
      await about(socket, "announcement", seriesNote);
    }
    const relayed = { userId: rig.s.producer.id, target: seriesTarget };
    for (const socket of [crewSeries, vfxSeries]) {
      assert.deepEqual(
        typings(socket).map(({ userId, target }) => ({ userId, target })),
        [relayed],
      );
    }
    assert.deepEqual(
      typings(producerFilm).map(({ userId, target }) => ({ userId, target })),
      [{ userId: rig.s.crew.id, target: filmTarget }],
    );
    assert.deepEqual(typings(crewFilm), []);
    assert.deepEqual(typings(producerSeries), []);
  }));

Deno.test("ws productions - upload progress of one production never reaches a socket of the other", () =>
  withRig(async (rig) => {
    const crewFilm = await rig.connect("crew", FILM.id);
    const producerFilm = await rig.connect("producer", FILM.id);
    const crewSeries = await rig.connect("crew", SERIES.id);
    const vfxSeries = await rig.connect("vfx", SERIES.id);
    const upload = async (p: DemoProduction, who: string, name: string) => {
      const res = await api(rig.app, rig.s[who]).post(
        apiIn(p, `/assets?name=${name}`),
        tinyPdf(),
        { "content-type": "application/octet-stream" },
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
    };
    const done = (name: string) => (f: Frame) =>
      f.type === "upload" &&
      (f.data as { name: string; phase: string }).name === name &&
      (f.data as { phase: string }).phase === "done";
    await upload(SERIES, "vfx", "series-call-sheet.pdf");
    await crewSeries.next(done("series-call-sheet.pdf"));
    await upload(FILM, "crew", "film-call-sheet.pdf");
    await producerFilm.next(done("film-call-sheet.pdf"));
    await crewFilm.next(done("film-call-sheet.pdf"));
    await vfxSeries.next(done("series-call-sheet.pdf"));
    const filmNote = await rig.announce(FILM);
    const seriesNote = await rig.announce(SERIES);
    const uploads = (socket: TestSocket) =>
      new Set(
        socket.frames.filter((f) => f.type === "upload").map((f) =>
          (f.data as { name: string }).name
        ),
      );
    for (const socket of [crewFilm, producerFilm]) {
      await about(socket, "announcement", filmNote);
      assert.deepEqual(uploads(socket), new Set(["film-call-sheet.pdf"]));
    }
    for (const socket of [crewSeries, vfxSeries]) {
      await about(socket, "announcement", seriesNote);
      assert.deepEqual(uploads(socket), new Set(["series-call-sheet.pdf"]));
    }
  }));

const upgrade = (token: string, query: string) =>
  new Request(`${ORIGIN}/api/ws?${query}`, {
    headers: {
      upgrade: "websocket",
      connection: "Upgrade",
      "sec-websocket-version": "13",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      authorization: `Bearer ${token}`,
    },
  });

Deno.test("ws productions - a non-member's handshake is the 404 of a production that does not exist, and opens no socket", () =>
  withRig(async (rig) => {
    for (const who of ["director", "distribution", "prodmanager"]) {
      const token = rig.s[who].token;
      const unknown = await rig.app.handler(
        upgrade(token, "production=no-such-production"),
      );
      assert.equal(unknown.status, 404);
      const expected = await unknown.json();
      for (const which of [SERIES.id, SERIES.slug]) {
        const res = await rig.app.handler(
          upgrade(token, `production=${which}`),
        );
        assert.equal(res.status, 404, `${who}: ${which}`);
        assert.deepEqual(await res.json(), expected, `${who}: ${which}`);
      }
      // Over a real connection: the handshake fails, no socket is held.
      const refused = new TestSocket(
        `ws://127.0.0.1:${rig.port}/api/ws?production=${SERIES.id}`,
        { authorization: `Bearer ${token}` },
      );
      await assert.rejects(refused.openedWithin());
      await refused.close();
    }
    assert.equal(rig.app.services.hub.stats().connections, 0);
    // A member's handshake to the same production is accepted.
    const crew = await rig.connect("crew", SERIES.id);
    await assertOpen(crew, "a member's socket");
  }));

Deno.test("ws productions - an impossible production in the handshake is that same 404, never a 500", () =>
  withRig(async (rig) => {
    const token = rig.s.crew.token;
    const expected = await (await rig.app.handler(
      upgrade(token, "production=no-such-production"),
    )).json();
    for (
      const which of ["x".repeat(3000), "a".repeat(61), "Northern-Lights", "é"]
    ) {
      const res = await rig.app.handler(
        upgrade(token, `production=${encodeURIComponent(which)}`),
      );
      assert.equal(res.status, 404, `${which.slice(0, 12)} (${which.length})`);
      assert.deepEqual(await res.json(), expected);
    }
    assert.equal(rig.app.services.hub.stats().connections, 0);
  }));

Deno.test("ws productions - removing a member closes their socket there with 4403 within 2 s; their other production's socket stays", () =>
  withRig(async (rig) => {
    const crewFilm = await rig.connect("crew", FILM.id);
    const crewSeries = await rig.connect("crew", SERIES.id);
    const crewHome = await rig.home("crew");
    const started = Date.now();
    const removed = await api(rig.app, rig.s.producer).del(
      apiIn(SERIES, `/users/${rig.s.crew.id}`),
    );
    assert.equal(removed.status, 204);
    const closed = await crewSeries.closedWithin(2_000);
    assert.equal(closed.code, CLOSE.forbidden);
    assert.ok(Date.now() - started <= 2_000);
    await assertOpen(crewFilm, "the film socket");
    const note = await rig.announce(FILM);
    await about(crewFilm, "announcement", note);
    // Their home page hears their memberships changed.
    await crewHome.next((f) =>
      f.type === "home" &&
      JSON.stringify(f.data) ===
        JSON.stringify({ productionId: SERIES.id, memberships: true })
    );
    // And the series is closed to them from now on: requests and sockets.
    const crew = api(rig.app, rig.s.crew);
    assert.equal((await crew.get(apiIn(SERIES, "/tasks"))).status, 404);
    assert.equal((await crew.get(apiIn(FILM, "/tasks"))).status, 200);
    const res = await rig.app.handler(
      upgrade(rig.s.crew.token, `production=${SERIES.id}`),
    );
    assert.equal(res.status, 404);
    await res.body?.cancel();
  }));

Deno.test("ws productions - a role change there re-rooms the socket of that production only", () =>
  withRig(async (rig) => {
    const vfxFilm = await rig.connect("vfx", FILM.id);
    const vfxSeries = await rig.connect("vfx", SERIES.id);
    const crewSeries = await rig.connect("crew", SERIES.id);
    const crewFilm = await rig.connect("crew", FILM.id);
    const producer = api(rig.app, rig.s.producer);
    const before = await rig.category(SERIES);
    await about(crewSeries, "budget_update", before);
    // vfx: crew → production manager on the series; crew: production
    // manager → crew there.
    for (
      const [who, role] of [["vfx", "production_manager"], ["crew", "crew"]]
    ) {
      const res = await producer.patch(
        apiIn(SERIES, `/users/${rig.s[who].id}`),
        { role },
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const after = await rig.category(SERIES);
    const seriesNote = await rig.announce(SERIES);
    await about(vfxSeries, "budget_update", after);
    for (const socket of [vfxSeries, crewSeries]) {
      await about(socket, "announcement", seriesNote);
    }
    assert.ok(!heardOf(vfxSeries, before), "not before the change");
    assert.ok(!heardOf(crewSeries, after), "not after the change");
    // Their film sockets keep their film roles and hear nothing of it.
    const filmNote = await rig.announce(FILM);
    for (const socket of [vfxFilm, crewFilm]) {
      await about(socket, "announcement", filmNote);
      assert.ok(!socket.events().some((f) => f.type === "budget_update"));
      assert.ok(!socket.events().some((f) => f.type === "user_update"));
    }
    const shot = await api(rig.app, rig.s.vfx).post(
      apiIn(FILM, "/vfx/shots"),
      { code: "NL_990_0020", frameIn: 1001, frameOut: 1040 },
    );
    assert.equal(shot.status, 201, JSON.stringify(shot.body));
    await about(vfxFilm, "vfx_update", shot.body.id);
  }));

Deno.test("ws productions - logout closes the session's sockets in both productions and its home socket with 4401", () =>
  withRig(async (rig) => {
    const session = await login(rig.app, "crew");
    const other = await login(rig.app, "crew"); // another device
    const sockets = [
      await rig.connect(session, FILM.id),
      await rig.connect(session, SERIES.id),
      await rig.home(session),
    ];
    const otherSeries = await rig.connect(other, SERIES.id);
    const started = Date.now();
    const out = await rig.app.fetch("/api/auth/logout", {
      method: "POST",
      headers: { cookie: session.cookie, origin: ORIGIN },
    });
    assert.equal(out.status, 204);
    await out.body?.cancel();
    for (const [socket, what] of sockets.map((s, i) => [s, i] as const)) {
      const closed = await socket.closedWithin(2_000);
      assert.equal(closed.code, CLOSE.unauthorized, `socket ${what}`);
    }
    assert.ok(Date.now() - started <= 2_000);
    await assertOpen(otherSeries, "the other session's socket");
  }));

/** A home frame about `productionId`. */
const hint = (productionId: string, memberships: boolean) => (f: Frame) =>
  f.type === "home" &&
  (f.data as { productionId: string }).productionId === productionId &&
  (f.data as { memberships: boolean }).memberships === memberships;

Deno.test("ws productions - home sockets hear of activity in their account's productions only, and of a new membership", () =>
  withRig(async (rig) => {
    const crew = await rig.home("crew");
    const vfx = await rig.home("vfx");
    const distribution = await rig.home("distribution");
    const director = await rig.home("director");
    await rig.task(SERIES, "vfx");
    await crew.next(hint(SERIES.id, false));
    await vfx.next(hint(SERIES.id, false));
    await rig.announce(FILM);
    await distribution.next(hint(FILM.id, false));
    await director.next(hint(FILM.id, false));
    for (const socket of [distribution, director]) {
      assert.ok(
        !socket.frames.some((f) =>
          (f.data as { productionId?: string } | undefined)?.productionId ===
            SERIES.id
        ),
        "nothing of the series",
      );
    }
    // The director joins the series: their home page reads its list again,
    // and hears of the series from then on.
    const joined = await api(rig.app, rig.s.producer).post(
      apiIn(SERIES, "/users"),
      { username: "director", role: "crew" },
    );
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    await director.next(hint(SERIES.id, true));
    await rig.task(SERIES, "director");
    await director.next(hint(SERIES.id, false));
    // A later hint of the film to the distribution manager comes after
    // anything of the series would have (hints follow the bus's order).
    await rig.announce(FILM);
    await waitFor(
      () => distribution.frames.filter(hint(FILM.id, false)).length === 2,
      5_000,
      "a second hint of the film",
    );
    assert.deepEqual(
      distribution.frames.filter((f) => f.type === "home").map((f) => f.data),
      [
        { productionId: FILM.id, memberships: false },
        { productionId: FILM.id, memberships: false },
      ],
    );
    const card = await api(rig.app, rig.s.director).get(
      `/api/productions/${SERIES.id}/summary`,
    );
    assert.equal(card.status, 200);
  }));

/**
 * The app's own KV-watch bus, folding wake-ups together as a KV watch may:
 * the messages `fold` picks are not delivered, as if the next wake-up had
 * overtaken them (the test always makes a next one).
 */
class FoldingBus implements Bus {
  fold: (message: BusMessage) => boolean = () => false;
  #inner: Bus | null = null;
  #listener: ((message: BusMessage) => void) | null = null;

  /** Starts the bus it wraps (made once the app's store exists). */
  wrap(inner: Bus): void {
    this.#inner = inner;
    inner.subscribe((message) => {
      if (!this.fold(message)) this.#listener?.(message);
    });
  }

  publish(message: BusMessage): void {
    this.#inner?.publish(message);
  }

  subscribe(listener: (message: BusMessage) => void): void {
    this.#listener = listener;
  }

  close(): void {
    this.#inner?.close();
  }
}

Deno.test("ws productions - home hints survive wake-ups the bus folds into another production's", () => {
  const bus = new FoldingBus();
  return withRig(
    async (rig) => {
      bus.wrap(new KvWatchBus(rig.app.services.store));
      const crew = await rig.home("crew");
      const director = await rig.home("director");
      const distribution = await rig.home("distribution");
      // Every wake-up naming the series is folded into the next one, which
      // names the film.
      bus.fold = (message) => message.productionId === SERIES.id;
      await rig.task(SERIES, "vfx");
      await rig.announce(FILM);
      await crew.next(hint(SERIES.id, false));
      await crew.next(hint(FILM.id, false));
      // The director joins the series (folded), then the distribution
      // manager's role on the film changes (named).
      const producer = api(rig.app, rig.s.producer);
      const joined = await producer.post(apiIn(SERIES, "/users"), {
        username: "director",
        role: "crew",
      });
      assert.equal(joined.status, 201, JSON.stringify(joined.body));
      const moved = await producer.patch(
        apiIn(FILM, `/users/${rig.s.distribution.id}`),
        { role: "crew" },
      );
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      await distribution.next(hint(FILM.id, true));
      await director.next(hint(SERIES.id, true));
      await rig.task(SERIES, "director");
      await rig.announce(FILM);
      await director.next(hint(SERIES.id, false));
      await waitFor(
        () => distribution.frames.filter(hint(FILM.id, false)).length > 0,
        5_000,
        "a hint of the film",
      );
      assert.ok(
        !distribution.frames.some((f) =>
          (f.data as { productionId?: string } | undefined)?.productionId ===
            SERIES.id
        ),
        "nothing of the series",
      );
    },
    {},
    bus,
  );
});

/**
 * The production build served the way it runs with more than one instance:
 *
 * - two processes (`deno serve`, one worker each) on one KV Connect server
 *   (the denokv test stand-in): they seed the demo data once between them;
 *   writes through either reach every socket on both that may see them,
 *   exactly once and nothing else, also while the KV watch is cut (the
 *   hub's poll of the log carries them); cross-process delivery latency is
 *   reported;
 * - one process with two workers (`deno serve --parallel`, `DENO_JOBS=2`)
 *   on an embedded KV file: sockets land on both workers' hubs and every
 *   socket receives every event once.
 *
 * Each check waits past the hub's poll interval before it counts, so a
 * late duplicate would show.
 */
import assert from "node:assert/strict";
import { DEMO_USERS, seedDemo } from "@/lib/seed.ts";
import { openKv } from "@/lib/store/kv.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import type { Role } from "@/lib/roles.ts";
import { type AppProcess, startAppProcess } from "./helpers/app_process.ts";
import { teardownStep, withDeadline } from "./helpers/deadline.ts";
import { startKvConnectServer } from "./helpers/denokv_stand_in.ts";
import { buildForTest } from "./helpers/production_build.ts";
import { TEST_SECRET } from "./helpers/test_secret.ts";
import { quietFor, TestSocket, waitFor } from "./helpers/events.ts";

/** The hub's safety-net poll of the log (`HubOptions.pollMs` default). */
const POLL_MS = 1_000;
/** Bound of one request or one awaited delivery. */
const MS = 15_000;
const MANAGEMENT: Role[] = ["producer", "production_manager", "director"];
const OFFICE: Role[] = ["producer", "production_manager"];
const EVERYONE: Role[] = [...MANAGEMENT, "crew", "vfx", "distribution_manager"];
/** The demo feature film: every socket, write and status read is in it. */
const SLUG = "northern-lights";

/** A signed-in demo user. */
interface Session {
  username: string;
  /** The user's role in the feature film. */
  role: Role;
  id: string;
  token: string;
}

/** A socket of one user on one instance, with when each event arrived. */
interface Client {
  session: Session;
  /** The instance it is connected to (for latency across processes). */
  on: number;
  socket: TestSocket;
  /** Event id → `Date.now()` at arrival. */
  arrived: Map<string, number>;
}

/** A write whose event carries `tag`, and who may see it. */
interface Write {
  tag: string;
  /** The instance the write went through. */
  via: number;
  roles: Role[];
  users: string[];
}

/** `fetch` options with Deno's `client` (the DOM types lack it). */
type FetchInit = RequestInit & { client?: Deno.HttpClient };

/** Signs demo users in (all unless `only` names some). */
async function signIn(origin: string, only?: string[]): Promise<Session[]> {
  const out: Session[] = [];
  for (const demo of DEMO_USERS) {
    if (only !== undefined && !only.includes(demo.username)) continue;
    const res = await fetch(`${origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        username: demo.username,
        password: "password123",
      }),
      signal: AbortSignal.timeout(MS),
    });
    assert.equal(res.status, 200, `sign-in of ${demo.username}`);
    const { token, user } = await res.json();
    // Roles are per production: the user's in the feature film, as the
    // app reports it.
    const mine = await fetch(`${origin}/api/productions`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(MS),
    });
    assert.equal(mine.status, 200, `productions of ${demo.username}`);
    const film = (await mine.json() as { slug: string; role: Role }[])
      .find((p) => p.slug === SLUG);
    assert.ok(film, `${demo.username} is a member of ${SLUG}`);
    out.push({ username: demo.username, role: film.role, id: user.id, token });
  }
  return out;
}

async function connect(
  port: number,
  session: Session,
  on: number,
): Promise<Client> {
  const socket = new TestSocket(
    `ws://127.0.0.1:${port}/api/ws?production=${SLUG}`,
    { authorization: `Bearer ${session.token}` },
  );
  const arrived = new Map<string, number>();
  socket.socket.addEventListener("message", (e) => {
    const frame = JSON.parse(e.data);
    if (typeof frame.id === "string") arrived.set(frame.id, Date.now());
  });
  await socket.nextOf("welcome", undefined, MS);
  return { session, on, socket, arrived };
}

/**
 * POSTs JSON as `session` to the module API `path` (e.g. `/api/tasks`) of
 * the feature film (on a connection of its own); expects a 201.
 */
async function post(
  origin: string,
  session: Session,
  path: string,
  body: unknown,
  client?: Deno.HttpClient,
): Promise<void> {
  const res = await fetch(`${origin}${inProduction(SLUG, path)}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${session.token}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(MS),
    client,
  } as FetchInit);
  assert.equal(res.status, 201, `${path}: ${await res.text()}`);
}

const mayRead = (client: Client, write: Write) =>
  write.roles.includes(client.session.role) ||
  write.users.includes(client.session.id);

/**
 * The events a client received whose data carries `tag`: the write's own
 * event, not the inbox item it may also leave its assignee (which names
 * the task too, and reaches that user alone).
 */
const withTag = (client: Client, tag: string) =>
  client.socket.events().filter((e) =>
    e.type !== "inbox_update" && JSON.stringify(e.data).includes(tag)
  );

/** Resolves when every client that may see `write` has it. */
function delivered(clients: Client[], write: Write, ms = MS) {
  return waitFor(
    () =>
      clients.every((c) => !mayRead(c, write) || withTag(c, write.tag).length),
    ms,
    `"${write.tag}" reaching every socket that may see it`,
  );
}

/**
 * Every client got each write it may see exactly once, nothing it may not
 * see, and no event twice. Call it after waiting past the poll interval.
 */
function assertExactlyOnce(clients: Client[], writes: Write[]) {
  for (const client of clients) {
    const who = `${client.session.username} on instance ${client.on}`;
    const events = client.socket.events();
    const ids = events.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, `${who}: an event twice`);
    for (const write of writes) {
      assert.equal(
        withTag(client, write.tag).length,
        mayRead(client, write) ? 1 : 0,
        `${who}: "${write.tag}"`,
      );
    }
    const ours = events.filter((e) =>
      writes.some((w) => JSON.stringify(e.data).includes(w.tag))
    );
    assert.equal(ours.length, events.length, `${who}: an event not ours`);
  }
}

/**
 * Arrival minus commit time (ms) of each delivery to a socket on another
 * process than the write's (`across`), or on the same one.
 */
function latencies(
  clients: Client[],
  writes: Write[],
  across: boolean,
): number[] {
  const out: number[] = [];
  for (const client of clients) {
    for (const event of client.socket.events()) {
      const write = writes.find((w) =>
        JSON.stringify(event.data).includes(w.tag)
      );
      if (write === undefined || (write.via !== client.on) !== across) {
        continue;
      }
      const ts = (event as unknown as { ts: number }).ts;
      out.push(client.arrived.get(event.id)! - ts);
    }
  }
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Record counts per collection: a second seed would double them. */
async function countsByCollection(kv: Deno.Kv, names: string[]) {
  const counts: Record<string, number> = {};
  for (const name of names) {
    counts[name] = (await Array.fromAsync(kv.list({ prefix: [name] }))).length;
  }
  return counts;
}

/**
 * What one seed writes, counted per collection, from a store of its own
 * laid out as the app lays it out (the production's keys under its id).
 */
async function oneSeed(): Promise<Record<string, number>> {
  const kv = await openKv(":memory:");
  try {
    await seedDemo(productionKv(kv, PRODUCTION_ID), {
      passwordIterations: 1_000,
    });
    const names = new Set<string>();
    for await (const entry of kv.list({ prefix: [] })) {
      names.add(String(entry.key[0]));
    }
    return await countsByCollection(kv, [...names]);
  } finally {
    kv.close();
  }
}

Deno.test("multi-process - two processes on one KV Connect server deliver every event exactly once", async () => {
  await using build = await buildForTest();
  const dir = await Deno.makeTempDir({ prefix: "prodsight-multi-process-" });
  const previousToken = Deno.env.get("DENO_KV_ACCESS_TOKEN");
  const clients: Client[] = [];
  let kv: Deno.Kv | null = null;
  try {
    await using store = await startKvConnectServer({
      path: `${dir}/kv.sqlite3`,
    });
    const start = () =>
      startAppProcess({
        args: [
          "serve",
          "-A",
          "--host",
          "127.0.0.1",
          "--port",
          "0",
          build.entry,
        ],
        env: {
          PRODSIGHT_KV_PATH: store.url,
          DENO_KV_ACCESS_TOKEN: store.accessToken,
          JWT_SECRET: TEST_SECRET,
        },
      });
    // Both at once: they race to seed the empty store.
    const starting = [start(), start()];
    // Each signs a demo user in the moment it listens: the one that lost
    // the race to seed must have waited for the seed.
    const firstSignIns = starting.map((app) =>
      app.then(({ origin }) => signIn(origin, ["producer"]))
    );
    for (const signedIn of firstSignIns) signedIn.catch(() => {});
    const results = await Promise.allSettled(starting);
    await using a = await starting[0].catch(() => null);
    await using b = await starting[1].catch(() => null);
    for (const r of results) if (r.status === "rejected") throw r.reason;
    const apps = [a!, b!];
    await Promise.all(firstSignIns);

    // One seed between them: every collection holds what one seed writes.
    Deno.env.set("DENO_KV_ACCESS_TOKEN", store.accessToken);
    kv = await withDeadline(openKv(store.url), MS, "opening the KV");
    const reference = await oneSeed();
    assert.deepEqual(
      await countsByCollection(kv, Object.keys(reference)),
      reference,
    );

    const sessions = await signIn(apps[0].origin);
    const as = (username: string) =>
      sessions.find((s) => s.username === username)!;
    for (const [i, app] of apps.entries()) {
      for (const session of sessions) {
        clients.push(await connect(app.port, session, i));
      }
    }

    const writes: Write[] = [];
    const write = async (
      via: number,
      who: string,
      path: string,
      body: (tag: string) => unknown,
      audience: Omit<Write, "tag" | "via">,
    ) => {
      const tag = `mp${writes.length}x${crypto.randomUUID().slice(0, 8)}`;
      const w = { tag, via, ...audience };
      writes.push(w);
      await post(apps[via].origin, as(who), path, body(tag));
      return w;
    };
    const crew = as("crew").id;
    for (let round = 0; round < 5; round++) {
      const [here, there] = [round % 2, (round + 1) % 2];
      await write(here, "producer", "/api/announcements", (tag) => ({
        message: `Call time moved ${tag}`,
      }), {
        roles: EVERYONE,
        users: [],
      });
      await write(there, "producer", "/api/tasks", (tag) => ({
        title: `Rig the crane ${tag}`,
        assigneeId: crew,
      }), { roles: MANAGEMENT, users: [crew] });
      await write(here, "prodmanager", "/api/budget/categories", (tag) => ({
        name: `Crane hire ${tag}`,
        code: `9${round}00.${writes.length}`,
        section: "below_the_line",
        allocatedCents: 100_000,
      }), { roles: OFFICE, users: [] });
      await write(there, "prodmanager", "/api/tasks", (tag) => ({
        title: `Book the crane ${tag}`,
      }), { roles: MANAGEMENT, users: [] });
    }
    for (const w of writes) await delivered(clients, w);

    // The watch is cut and comes back silent: the other process's hub
    // still delivers, from its poll of the log, within two polls.
    const cut = await store.cutWatchStreams({ hold: true });
    assert.ok(cut >= 2, `each process had a watch stream open (cut ${cut})`);
    const held = await write(0, "producer", "/api/announcements", (tag) => ({
      message: `Wrap early ${tag}`,
    }), {
      roles: EVERYONE,
      users: [],
    });
    const polled = performance.now();
    await delivered(clients.filter((c) => c.on === 1), held, 2 * POLL_MS + 500);
    const viaPoll = performance.now() - polled;
    // Released, the watch carries events again.
    const reopened = store.watchStreamOpened(MS);
    await store.cutWatchStreams();
    assert.deepEqual(await reopened, { held: false });
    const released = await write(
      1,
      "producer",
      "/api/announcements",
      (tag) => ({
        message: `Back to normal ${tag}`,
      }),
      {
        roles: EVERYONE,
        users: [],
      },
    );
    await delivered(clients, released);

    // Past the poll interval: a late duplicate would be here by now.
    await quietFor(POLL_MS + 500);
    assertExactlyOnce(clients, writes);

    // Steady state only: around the cut, the watch is being re-opened.
    const steady = writes.filter((w) => w !== held && w !== released);
    const across = latencies(clients, steady, true);
    const local = latencies(clients, steady, false);
    const p95 = percentile(across, 0.95);
    console.log(
      `across processes: ${across.length} deliveries, p50 ${
        percentile(across, 0.5)
      } ms, p95 ${p95} ms, max ${Math.max(...across)} ms ` +
        `(same process: p50 ${percentile(local, 0.5)} ms, p95 ${
          percentile(local, 0.95)
        } ms); with the watch held, the poll delivered in ${
          Math.round(viaPoll)
        } ms`,
    );
    // Reported, not held tight: this machine is shared. The target
    // is under 200 ms.
    assert.ok(p95 < 2_000, `p95 across processes ${p95} ms`);
  } finally {
    for (const c of clients) await c.socket.close();
    kv?.close();
    if (previousToken === undefined) Deno.env.delete("DENO_KV_ACCESS_TOKEN");
    else Deno.env.set("DENO_KV_ACCESS_TOKEN", previousToken);
    await teardownStep(
      "removing the store's folder",
      () => Deno.remove(dir, { recursive: true }),
    );
  }
});

/** This worker's socket count from `/api/status`, on a new connection. */
async function workerCount(
  app: AppProcess,
  session: Session,
  client: Deno.HttpClient,
) {
  const res = await fetch(`${app.origin}${inProduction(SLUG, "/api/status")}`, {
    headers: { authorization: `Bearer ${session.token}` },
    signal: AbortSignal.timeout(MS),
    client,
  } as FetchInit);
  assert.equal(res.status, 200);
  const stats = await res.json();
  const self = stats.instances.find((i: { self: boolean }) => i.self);
  return {
    instanceId: self.instanceId as string,
    connections: self.connections as number,
  };
}

Deno.test("multi-process - deno serve --parallel: sockets on both workers receive every event once", async () => {
  await using build = await buildForTest();
  const dir = await Deno.makeTempDir({ prefix: "prodsight-parallel-" });
  const clients: Client[] = [];
  // No pooling: each request is a new connection, which the kernel hands
  // to either worker.
  const fresh = Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
  try {
    await using app = await startAppProcess({
      args: [
        "serve",
        "-A",
        "--parallel",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        build.entry,
      ],
      env: {
        DENO_JOBS: "2",
        PRODSIGHT_KV_PATH: `${dir}/kv.sqlite3`,
        JWT_SECRET: TEST_SECRET,
      },
    });
    assert.match(app.output().stderr, /with 2 threads/);
    // At once: the worker that lost the race to seed waited for the seed.
    const sessions = await signIn(app.origin);
    // 24 sockets, each a new connection: all on one worker would be a
    // 1 in 8 million chance; the status check below makes sure.
    for (let i = 0; i < 4; i++) {
      for (const session of sessions) {
        clients.push(await connect(app.port, session, 0));
      }
    }
    const producer = sessions.find((s) => s.role === "producer")!;
    const seen = new Map<string, number>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const { instanceId, connections } = await workerCount(
        app,
        producer,
        fresh,
      );
      seen.set(instanceId, connections);
    }
    assert.equal(seen.size, 2, "status requests reached both workers");
    const counts = [...seen.values()];
    assert.ok(counts.every((n) => n > 0), `sockets per worker: ${counts}`);
    assert.equal(counts[0] + counts[1], clients.length);

    const writes: Write[] = [];
    for (let i = 0; i < 6; i++) {
      const tag = `par${i}x${crypto.randomUUID().slice(0, 8)}`;
      const office = i % 3 === 2;
      writes.push({
        tag,
        via: 0,
        roles: office ? OFFICE : EVERYONE,
        users: [],
      });
      if (office) {
        await post(app.origin, producer, "/api/budget/categories", {
          name: `Catering ${tag}`,
          code: `97${i}0`,
          section: "below_the_line",
          allocatedCents: 50_000,
        }, fresh);
      } else {
        await post(app.origin, producer, "/api/announcements", {
          message: `Lunch at one ${tag}`,
        }, fresh);
      }
    }
    for (const w of writes) await delivered(clients, w);
    // Past the poll interval: a late duplicate would be here by now.
    await quietFor(POLL_MS + 500);
    assertExactlyOnce(clients, writes);
    console.log(`2 workers: sockets per worker ${counts.join(" + ")}`);

    for (const c of clients) await c.socket.close();
    const status = await app.stop("SIGINT", 10_000);
    assert.equal(status.code, 0, "the workers stop on SIGINT");
  } finally {
    for (const c of clients) await c.socket.close();
    fresh.close();
    await teardownStep(
      "removing the KV folder",
      () => Deno.remove(dir, { recursive: true }),
    );
  }
});

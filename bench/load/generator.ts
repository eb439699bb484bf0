/**
 * The load generator (a separate process, pinned to its own core): opens
 * one authenticated socket per bench user, then runs the phases it is
 * given: writes through the HTTP API at a fixed rate (`fixed`), or a
 * bounded ramp of rising rates (`ramp`) that finds the highest rate the
 * server sustains. Measures delivery latency, completeness, leaks,
 * duplicates, and the server's CPU time over each window (from
 * `/proc/<pid>/stat`). Prints one JSON line per phase.
 *
 * Lean by design: no JSON.parse on the hot path (the write number is found
 * by string search), latency in fixed histograms, shared handlers.
 */
import { cpuSeconds } from "./proc_stats.ts";
import type { BenchUser } from "./seed.ts";

/** A window of writes at one rate. */
export interface FixedPhase {
  kind: "fixed";
  deliveriesPerSecond: number;
  durationSeconds: number;
}

/**
 * Rates rising by `factor` from `startWritesPerSecond` until a step is not
 * sustained (or `maxSteps`); if the start rate already fails, rates falling
 * by `factor` until one is sustained (at most `maxSteps`); then
 * `refineSteps` bisections between the last sustained rate and the first
 * that was not.
 */
export interface RampPhase {
  kind: "ramp";
  startWritesPerSecond: number;
  factor: number;
  maxSteps: number;
  refineSteps: number;
  stepSeconds: number;
  /** A step is sustained only if its p99 delivery latency is within this. */
  p99BoundMs: number;
  /** ... and every delivery arrived within this after its last write. */
  lagBoundMs: number;
}

/** What `run.ts` passes (as JSON in the first argument). */
export interface GeneratorConfig {
  port: number;
  usersFile: string;
  sockets: number;
  connectConcurrency: number;
  /** The server process, whose CPU time is read around each window. */
  serverPid: number;
  phases: (FixedPhase | RampPhase)[];
}

const MANAGEMENT = new Set(["producer", "production_manager", "director"]);
/** Latency histogram: 0.1 ms buckets up to 10 s, then one overflow bucket. */
const BUCKETS = 100_000;
const STRAGGLER_MS = 10_000;
/** HTTP clients the writes are spread over. */
const WRITE_CLIENTS = 8;

const config: GeneratorConfig = JSON.parse(Deno.args[0]);
const all: BenchUser[] = JSON.parse(await Deno.readTextFile(config.usersFile));
const writer = all.find((u) => u.role === "producer")!;
const clients = all.slice(0, config.sockets);
const base = `127.0.0.1:${config.port}`;
const production = await benchProduction();

/**
 * The production the bench users belong to, as a client learns it
 * (`GET /api/productions`): sockets name it (`?production=<id>`) and writes
 * go to its API (`/api/p/<slug>/…`), as the app's own pages do — not
 * through the pre-production addresses, which answer with a redirect.
 */
async function benchProduction(): Promise<{ id: string; slug: string }> {
  const res = await fetch(`http://${base}/api/productions`, {
    headers: { authorization: `Bearer ${writer.token}` },
  });
  const list = await res.json();
  if (!res.ok || !Array.isArray(list) || list.length !== 1) {
    throw new Error(`expected one bench production: ${JSON.stringify(list)}`);
  }
  return { id: list[0].id, slug: list[0].slug };
}

/** One window of writes at one rate and what came of it. */
class Window {
  expected = 0;
  delivered = 0;
  writes = 0;
  failedWrites = 0;
  maxMs = 0;
  hist = new Uint32Array(BUCKETS + 1);
  firstSend = 0;
  lastSend = 0;
  /** When the last expected delivery arrived (0 = not yet). */
  completeAt = 0;

  record(ms: number) {
    this.delivered++;
    const bucket = Math.min(BUCKETS, Math.floor(ms * 10));
    this.hist[bucket]++;
    if (ms > this.maxMs) this.maxMs = ms;
    if (this.delivered === this.expected && this.lastSend > 0) {
      this.completeAt = performance.now();
    }
  }

  percentile(p: number): number | null {
    if (this.delivered === 0) return null;
    const rank = Math.min(this.delivered - 1, Math.floor(p * this.delivered));
    let seen = 0;
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.hist[i];
      if (seen > rank) return i === BUCKETS ? 10_000 : (i + 1) / 10;
    }
    return null;
  }
}

// ---- connect ------------------------------------------------------------
// Per socket, the newest event id seen (its 16-digit sequence): the hub
// delivers in log order, so an id that is not newer is a duplicate.
const lastEvent = new Float64Array(clients.length);
const sockets: WebSocket[] = [];
let failures = 0;
let leaks = 0;
let duplicates = 0;
const sentAt: number[] = [];
const subjectOf: string[] = [];
const windowOf: Window[] = [];

function onFrame(index: number, data: string) {
  const now = performance.now();
  const announcement = data.startsWith('{"type":"announcement"');
  if (!announcement && !data.startsWith('{"type":"user_update"')) return;
  const at = data.indexOf("bench-w");
  if (at === -1) return;
  const seq = parseInt(data.slice(at + 7, at + 17), 10);
  const idAt = data.indexOf('"id":"') + 6;
  const eventSeq = Number(data.slice(idAt, idAt + 16));
  if (eventSeq <= lastEvent[index]) {
    duplicates++;
    return;
  }
  lastEvent[index] = eventSeq;
  const client = clients[index];
  if (
    !announcement && !MANAGEMENT.has(client.role) &&
    subjectOf[seq] !== client.id
  ) {
    leaks++;
  }
  windowOf[seq]?.record(now - sentAt[seq]);
}

function open(index: number): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(
      `ws://${base}/api/ws?production=${production.id}`,
      {
        headers: { authorization: `Bearer ${clients[index].token}` },
      } as unknown as string[],
    );
    let welcomed = false;
    ws.onmessage = (e) => {
      if (!welcomed) {
        if (
          typeof e.data === "string" && e.data.startsWith('{"type":"welcome"')
        ) {
          welcomed = true;
          resolve();
        }
        return;
      }
      onFrame(index, e.data);
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (!welcomed) {
        failures++;
        welcomed = true;
        resolve();
      }
    };
    sockets[index] = ws;
  });
}

const connectCpu = cpuSeconds("self");
const connectServerCpu = cpuSeconds(config.serverPid);
const connectStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: config.connectConcurrency }, async () => {
    while (next < clients.length) await open(next++);
  }),
);
const connectMs = performance.now() - connectStart;
console.log(JSON.stringify({
  phase: "connected",
  sockets: clients.length,
  connectMs: Math.round(connectMs),
  failures,
  serverCpuSeconds: round(cpuSeconds(config.serverPid) - connectServerCpu, 2),
  generatorCpuPercent: Math.round(
    (cpuSeconds("self") - connectCpu) / (connectMs / 1000) * 100,
  ),
}));

// Wait for the orchestrator to sample the server's memory.
const stdin = Deno.stdin.readable.getReader();
await stdin.read();
stdin.releaseLock();

// ---- writes -------------------------------------------------------------
const counts: Record<string, number> = {};
for (const c of clients) counts[c.role] = (counts[c.role] ?? 0) + 1;
const connected = clients.length - failures;
const management = (counts.producer ?? 0) +
  (counts.production_manager ?? 0) + (counts.director ?? 0);
// Writes alternate: an announcement (everyone) and a rename of a bench user
// (user_update: management plus the user concerned).
const targets = clients.filter((c) =>
  !MANAGEMENT.has(c.role) && c.id !== writer.id
);
const fanOut = (connected + management + 1) / 2;
const headers = {
  authorization: `Bearer ${writer.token}`,
  "content-type": "application/json",
};
let seq = 0;
const pending = new Set<Promise<void>>();
// Writes come from several HTTP clients, each with its own connections, as
// a crew's browsers would: one client's few keep-alive connections would
// put every write on the one worker of `deno serve --parallel` that
// accepted them.
const httpClients = Array.from(
  { length: WRITE_CLIENTS },
  () => Deno.createHttpClient({}),
);

async function write(n: number, window: Window) {
  const tag = `bench-w${String(n).padStart(10, "0")}`;
  windowOf[n] = window;
  window.writes++;
  const expected = n % 2 === 0 ? connected : management + 1;
  window.expected += expected;
  sentAt[n] = performance.now();
  try {
    let call: { method: string; path: string; body: unknown };
    if (n % 2 === 0) {
      call = { method: "POST", path: "announcements", body: { message: tag } };
    } else {
      const subject = targets[n % targets.length];
      subjectOf[n] = subject.id;
      call = {
        method: "PATCH",
        path: `users/${subject.id}`,
        body: { name: tag },
      };
    }
    const res = await fetch(
      `http://${base}/api/p/${production.slug}/${call.path}`,
      {
        method: call.method,
        headers,
        body: JSON.stringify(call.body),
        client: httpClients[n % WRITE_CLIENTS],
      } as RequestInit,
    );
    if (res.ok) {
      await res.body?.cancel();
      return;
    }
    console.error(`write ${n}: ${res.status} ${await res.text()}`);
  } catch (error) {
    console.error(`write ${n}: ${error}`);
  }
  window.failedWrites++;
  window.expected -= expected;
}

/** Writes at `writesPerSecond` for `seconds`, then waits for deliveries. */
async function runWindow(
  writesPerSecond: number,
  seconds: number,
  bounds: { p99Ms: number; lagMs: number },
) {
  const window = new Window();
  const total = Math.max(1, Math.round(writesPerSecond * seconds));
  const cpuStart = cpuSeconds("self");
  const serverStart = cpuSeconds(config.serverPid);
  const start = performance.now();
  window.firstSend = start;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(
        total,
        Math.floor((performance.now() - start) / 1000 * writesPerSecond) + 1,
      );
      while (sent < due) {
        const p = write(seq++, window);
        pending.add(p);
        p.finally(() => pending.delete(p));
        sent++;
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  window.lastSend = performance.now();
  // Every write answered (bounded), then every delivery (bounded).
  await Promise.race([Promise.all([...pending]), sleep(STRAGGLER_MS)]);
  while (
    window.delivered < window.expected &&
    performance.now() - window.lastSend < STRAGGLER_MS
  ) await sleep(10);
  if (window.completeAt === 0 && window.delivered >= window.expected) {
    window.completeAt = performance.now();
  }
  const end = performance.now();
  const wall = (end - start) / 1000;
  const serverCpu = cpuSeconds(config.serverPid) - serverStart;
  const sendMs = window.lastSend - window.firstSend;
  const lagMs = window.completeAt === 0
    ? null
    : Math.max(0, window.completeAt - window.lastSend);
  const p99 = window.percentile(0.99);
  const scheduleKept = sendMs <= seconds * 1000 * 1.05 + 50;
  return {
    writesPerSecond: round(writesPerSecond, 1),
    deliveriesPerSecond: Math.round(writesPerSecond * fanOut),
    writes: window.writes,
    failedWrites: window.failedWrites,
    expected: window.expected,
    delivered: window.delivered,
    deliveredPercent: window.expected === 0
      ? 100
      : round(window.delivered / window.expected * 100, 2),
    latencyMs: {
      p50: window.percentile(0.5),
      p95: window.percentile(0.95),
      p99,
      max: round(window.maxMs, 1),
    },
    lagMs: lagMs === null ? null : Math.round(lagMs),
    sendMs: Math.round(sendMs),
    serverCpuSeconds: round(serverCpu, 2),
    serverCpuPercent: Math.round(serverCpu / wall * 100),
    serverCpuPerDeliveryUs: window.delivered === 0
      ? null
      : round(serverCpu / window.delivered * 1e6, 2),
    serverCpuPerWriteUs: window.writes === 0
      ? null
      : Math.round(serverCpu / window.writes * 1e6),
    generatorCpuPercent: Math.round(
      (cpuSeconds("self") - cpuStart) / wall * 100,
    ),
    sustained: window.failedWrites === 0 && scheduleKept &&
      lagMs !== null && lagMs <= bounds.lagMs &&
      p99 !== null && p99 <= bounds.p99Ms,
  };
}

for (const phase of config.phases) {
  // A quiet moment between windows: the last one's stragglers are counted.
  await sleep(500);
  if (phase.kind === "fixed") {
    const result = await runWindow(
      phase.deliveriesPerSecond / fanOut,
      phase.durationSeconds,
      { p99Ms: Infinity, lagMs: STRAGGLER_MS },
    );
    console.log(JSON.stringify({ phase: "fixed", ...summary(), ...result }));
    continue;
  }
  const bounds = { p99Ms: phase.p99BoundMs, lagMs: phase.lagBoundMs };
  const steps: Awaited<ReturnType<typeof runWindow>>[] = [];
  const step = async (rate: number) => {
    const result = await runWindow(rate, phase.stepSeconds, bounds);
    steps.push(result);
    console.error(
      `  ${result.writesPerSecond} writes/s: ${
        result.sustained ? "sustained" : "not sustained"
      } (p99 ${result.latencyMs.p99} ms, lag ${result.lagMs} ms, server ${result.serverCpuPercent} %, generator ${result.generatorCpuPercent} %)`,
    );
    // A backlog left by an unsustained rate must not weigh on the next.
    if (!result.sustained) await sleep(1_000);
    return result.sustained;
  };
  let best = 0;
  let worst = Infinity;
  let rate = phase.startWritesPerSecond;
  for (let i = 0; i < phase.maxSteps; i++, rate *= phase.factor) {
    if (!(await step(rate))) {
      worst = rate;
      break;
    }
    best = rate;
  }
  // The start rate itself was not sustained: step down by the same factor
  // until one is (bounded), so a slower configuration reports its rate
  // instead of 0 (the 2-workers row once read 0 after two refinements).
  for (let i = 0; i < phase.maxSteps && best === 0; i++) {
    rate = worst / phase.factor;
    if (await step(rate)) best = rate;
    else worst = rate;
  }
  // Between the last sustained rate and the first that was not: bisect
  // geometrically, a bounded number of times.
  for (let i = 0; i < phase.refineSteps && worst !== Infinity; i++) {
    rate = best === 0 ? worst / phase.factor : Math.sqrt(best * worst);
    if (await step(rate)) best = Math.max(best, rate);
    else worst = Math.min(worst, rate);
  }
  console.log(JSON.stringify({
    phase: "ramp",
    ...summary(),
    maxWritesPerSecond: round(best, 1),
    maxDeliveriesPerSecond: Math.round(best * fanOut),
    firstFailedWritesPerSecond: worst === Infinity ? null : round(worst, 1),
    p99BoundMs: phase.p99BoundMs,
    lagBoundMs: phase.lagBoundMs,
    steps,
  }));
}
for (const ws of sockets) ws?.close();
for (const client of httpClients) client.close();
Deno.exit(0);

function summary() {
  return {
    sockets: clients.length,
    connected,
    fanOut,
    leaks,
    duplicates,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

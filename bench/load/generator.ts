/**
 * The load generator (a separate process, pinned to its own core): opens
 * one authenticated socket per bench user, drives writes through the HTTP
 * API at a fixed rate, and measures delivery latency, completeness, leaks
 * and duplicates. Prints one JSON line of results.
 *
 * Lean by design: no JSON.parse on the hot path (the write number is found
 * by string search), preallocated latency samples, shared handlers.
 */
import type { BenchUser } from "./seed.ts";

interface GeneratorConfig {
  port: number;
  usersFile: string;
  sockets: number;
  deliveriesPerSecond: number;
  durationSeconds: number;
  connectConcurrency: number;
}

const MANAGEMENT = new Set(["producer", "production_manager", "director"]);
const config: GeneratorConfig = JSON.parse(Deno.args[0]);
const all: BenchUser[] = JSON.parse(await Deno.readTextFile(config.usersFile));
const writer = all.find((u) => u.role === "producer")!;
const clients = all.slice(0, config.sockets);
const base = `127.0.0.1:${config.port}`;

// ---- connect ------------------------------------------------------------
// Per socket, the newest event id seen (its 16-digit sequence): the hub
// delivers in log order, so an id that is not newer is a duplicate.
const lastEvent = new Float64Array(clients.length);
const sockets: WebSocket[] = [];
let failures = 0;
let leaks = 0;
let duplicates = 0;
let delivered = 0;
const MAX_SAMPLES = 2_000_000;
const latencies = new Float64Array(MAX_SAMPLES);
let samples = 0;
const sentAt: number[] = [];
const subjectOf: string[] = [];
let expected = 0;

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
  delivered++;
  if (samples < MAX_SAMPLES) latencies[samples++] = now - sentAt[seq];
}

function open(index: number): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${base}/api/ws`, {
      headers: { authorization: `Bearer ${clients[index].token}` },
    } as unknown as string[]);
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

const connectStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: config.connectConcurrency }, async () => {
    while (next < clients.length) await open(next++);
  }),
);
const connectMs = performance.now() - connectStart;
console.log(JSON.stringify({ phase: "connected", connectMs, failures }));

// Wait for the orchestrator to sample the server's memory.
const stdin = Deno.stdin.readable.getReader();
await stdin.read();
stdin.releaseLock();

// ---- writes -------------------------------------------------------------
const counts = {
  producer: 0,
  production_manager: 0,
  director: 0,
  crew: 0,
  vfx: 0,
  distribution_manager: 0,
} as Record<string, number>;
for (const c of clients) counts[c.role]++;
const connected = clients.length - failures;
const management = counts.producer + counts.production_manager +
  counts.director;
// Writes alternate: an announcement (everyone) and a rename of a bench user
// (user_update: management plus the user concerned).
const targets = clients.filter((c) =>
  !MANAGEMENT.has(c.role) && c.id !== writer.id
);
const fanOut = (connected + management + 1) / 2;
const writesPerSecond = config.deliveriesPerSecond / fanOut;
const headers = {
  authorization: `Bearer ${writer.token}`,
  "content-type": "application/json",
};

async function write(seq: number) {
  const tag = `bench-w${String(seq).padStart(10, "0")}`;
  sentAt[seq] = performance.now();
  let res: Response;
  if (seq % 2 === 0) {
    expected += connected;
    res = await fetch(`http://${base}/api/announcements`, {
      method: "POST",
      headers,
      body: JSON.stringify({ message: tag }),
    });
  } else {
    const subject = targets[seq % targets.length];
    subjectOf[seq] = subject.id;
    expected += management + 1;
    res = await fetch(`http://${base}/api/users/${subject.id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ name: tag }),
    });
  }
  if (!res.ok) console.error(`write ${seq}: ${res.status} ${await res.text()}`);
  else await res.body?.cancel();
}

const cpuStart = cpuSeconds();
const writeStart = performance.now();
const pending: Promise<void>[] = [];
let seq = 0;
const totalWrites = Math.round(writesPerSecond * config.durationSeconds);
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(
      totalWrites,
      Math.floor((performance.now() - writeStart) / 1000 * writesPerSecond),
    );
    while (seq < due) pending.push(write(seq++));
    if (seq >= totalWrites) {
      clearInterval(tick);
      resolve();
    }
  }, 5);
});
await Promise.all(pending);
const sendEnd = performance.now();
// Give stragglers up to 10 s, bounded.
while (
  delivered + duplicates < expected && performance.now() - sendEnd < 10_000
) {
  await new Promise((r) => setTimeout(r, 20));
}
const elapsed = (performance.now() - writeStart) / 1000;
const cpu = cpuSeconds() - cpuStart;

const sorted = latencies.slice(0, samples).sort();
const pct = (p: number) =>
  sorted.length === 0 ? null : Math.round(
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10,
  ) / 10;
console.log(JSON.stringify({
  phase: "done",
  sockets: clients.length,
  connected,
  connectMs: Math.round(connectMs),
  connectFailures: failures,
  writes: totalWrites,
  writesPerSecond: Math.round(writesPerSecond * 10) / 10,
  expected,
  delivered,
  deliveredPercent: expected === 0
    ? 100
    : Math.round(delivered / expected * 10000) / 100,
  deliveriesPerSecond: Math.round(delivered / config.durationSeconds),
  leaks,
  duplicates,
  latencyMs: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: pct(1) },
  generatorCpuPercent: Math.round(cpu / elapsed * 100),
}));
for (const ws of sockets) ws?.close();
Deno.exit(0);

function cpuSeconds(): number {
  // utime + stime of this process, from /proc (Linux), in seconds.
  const stat = Deno.readTextFileSync("/proc/self/stat");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

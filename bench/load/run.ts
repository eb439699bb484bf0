/**
 * The realtime load benchmark: ProdSight beside a bare-runtime reference
 * (`reference_server.ts`), in one run, under the same pinning and the same
 * generator. Seeds bench users into a fresh KV file, then for each server
 * and scenario starts a fresh server process (pinned with `taskset`), runs
 * the generator (`generator.ts`, pinned to the other core), and reads the
 * server's memory from `/proc`. Prints the figures with ProdSight's ratio
 * to the reference and writes them to `bench/results/`. Loopback only;
 * every phase is bounded in count and time.
 *
 * Run after `deno task build`:
 *
 *     deno run -A bench/load/run.ts [--quick] [--label=NAME]
 *       [--only=prodsight|reference]
 *       [--scenarios=connect,fanout,writes,workers,workers-writes]
 *       [--no-workers] [--repeat=N] [--fixed-only]
 *
 * @module
 */
import { openKv } from "@/lib/store/kv.ts";
import type { FixedPhase, GeneratorConfig, RampPhase } from "./generator.ts";
import { cpuSeconds, rssKiB } from "./proc_stats.ts";
import { mintTokens, seedBenchUsers } from "./seed.ts";

type Kind = "prodsight" | "reference";

/** How one server is started: which, how many workers, on which cores. */
interface ServerSpec {
  kind: Kind;
  workers: 1 | 2;
  serverCores: string;
  generatorCores: string;
}

interface Scenario {
  name: string;
  sockets: number;
  phases: (FixedPhase | RampPhase)[];
}

const args = Deno.args;
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const quick = flag("quick");
// Each server's figures move from run to run on a shared VM; `--repeat=N`
// runs every scenario N times, the servers alternating, and reports
// medians and the median of the paired ratios.
const repeat = Math.max(1, Math.min(20, Number(option("repeat") ?? 1) || 1));
// `--fixed-only` leaves out the ramps (the fixed windows take seconds).
const fixedOnly = flag("fixed-only");
const label = option("label") ?? (quick ? "quick" : "");
const only = option("only") as Kind | undefined;
const SECRET = "bench-secret-bench-secret-bench-secret!";
const HARD_BOUND_MS = 300_000;
/** How long the server's CPU at rest is measured, sockets open. */
const REST_MS = quick ? 1_000 : 4_000;

const ramp = (maxSteps: number): RampPhase => ({
  kind: "ramp",
  startWritesPerSecond: quick ? 20 : 60,
  factor: 1.3,
  maxSteps,
  refineSteps: 2,
  stepSeconds: 3,
  p99BoundMs: 100,
  lagBoundMs: 1_000,
});
const fixed = (
  deliveriesPerSecond: number,
  durationSeconds: number,
): FixedPhase => ({ kind: "fixed", deliveriesPerSecond, durationSeconds });

const allScenarios: Scenario[] = quick
  ? [
    { name: "connect", sockets: 500, phases: [fixed(5_000, 3)] },
    { name: "fanout", sockets: 500, phases: [fixed(5_000, 3), ramp(3)] },
    { name: "writes", sockets: 6, phases: [fixed(500, 3)] },
  ]
  : [
    { name: "connect", sockets: 10_000, phases: [fixed(25_000, 8)] },
    { name: "fanout", sockets: 1_000, phases: [fixed(25_000, 8), ramp(14)] },
    // The write path with next to no fan-out: one socket per role, 200
    // writes/s (5 deliveries each), so CPU per write is the HTTP call,
    // its checks and its commit.
    { name: "writes", sockets: 6, phases: [fixed(1_000, 8)] },
  ];
// `--scenarios=fanout` runs only the named ones (connect, fanout, writes;
// workers, workers-writes: ProdSight with 1 and 2 workers).
const chosen = option("scenarios")?.split(",");
const withoutRamps = (s: Scenario): Scenario =>
  fixedOnly ? { ...s, phases: s.phases.filter((p) => p.kind === "fixed") } : s;
const scenarios = allScenarios.filter((s) =>
  chosen === undefined || chosen.includes(s.name)
).map(withoutRamps);
// 1 worker vs 2 (cores shared with the generator): with 1,000 sockets the
// generator's receiving takes most of a core; with 100 the writes are
// most of the work, which is what a second core can take on.
const workerScenarios: Scenario[] = [
  {
    name: "workers",
    sockets: quick ? 500 : 1_000,
    phases: [ramp(quick ? 3 : 14)],
  },
  { name: "workers-writes", sockets: 100, phases: [ramp(quick ? 3 : 14)] },
].filter((s) =>
  !flag("no-workers") && (chosen === undefined || chosen.includes(s.name))
);
const maxSockets = Math.max(
  ...[...scenarios, ...workerScenarios].map((s) => s.sockets),
);

// ---- seed ---------------------------------------------------------------
const dir = await Deno.makeTempDir({ prefix: "prodsight-load-" });
const kvPath = `${dir}/kv.sqlite3`;
const usersFile = `${dir}/users.json`;
const kv = await openKv(kvPath);
const seedStart = performance.now();
const benchUsers = await seedBenchUsers(kv, SECRET, maxSockets + 6);
kv.close();
await Deno.writeTextFile(usersFile, JSON.stringify(benchUsers));
console.log(
  `seeded ${benchUsers.length} users in ${
    Math.round(performance.now() - seedStart)
  } ms`,
);

const pinned = { serverCores: "0", generatorCores: "1" };
const kinds: Kind[] = only ? [only] : ["prodsight", "reference"];
const runs: Record<string, unknown>[] = [];
const loadBefore = Deno.readTextFileSync("/proc/loadavg").trim();
try {
  for (const scenario of scenarios) {
    for (let round = 1; round <= repeat; round++) {
      for (const kind of kinds) {
        runs.push({
          round,
          ...await runScenario({ kind, workers: 1, ...pinned }, scenario),
        });
      }
    }
  }
  if (kinds.includes("prodsight")) {
    // Two workers need both cores, so the generator shares them; one worker
    // is measured the same way for a like-for-like row.
    const shared = { serverCores: "0,1", generatorCores: "0,1" };
    for (const scenario of workerScenarios) {
      for (let round = 1; round <= repeat; round++) {
        for (const workers of [1, 2] as const) {
          runs.push({
            round,
            ...await runScenario(
              { kind: "prodsight", workers, ...shared },
              scenario,
            ),
          });
        }
      }
    }
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
const loadAfter = Deno.readTextFileSync("/proc/loadavg").trim();

const summary = summarise(runs);
const date = new Date().toISOString().slice(0, 10);
await Deno.mkdir("bench/results", { recursive: true });
const file = `bench/results/load-${date}${label ? `-${label}` : ""}.json`;
await Deno.writeTextFile(
  file,
  JSON.stringify(
    {
      date,
      label,
      cpu: cpuModel(),
      command: `deno run -A bench/load/run.ts ${args.join(" ")}`.trim(),
      loadavg: { before: loadBefore, after: loadAfter },
      summary,
      runs,
    },
    null,
    2,
  ) + "\n",
);
console.table(summary.table);
console.log(`written: ${file}`);

// ---- one scenario on one fresh server ----------------------------------
async function runScenario(
  spec: ServerSpec,
  scenario: Scenario,
): Promise<Record<string, unknown>> {
  const name = `${spec.kind}${
    spec.kind === "prodsight" ? ` ×${spec.workers}` : ""
  } ${scenario.name} (${scenario.sockets} sockets, server on ${spec.serverCores}, generator on ${spec.generatorCores})`;
  console.log(`--- ${name}`);
  await Deno.writeTextFile(
    usersFile,
    JSON.stringify(await mintTokens(benchUsers, SECRET)),
  );
  const server = await startServer(spec);
  const config: GeneratorConfig = {
    port: server.port,
    usersFile,
    sockets: scenario.sockets,
    connectConcurrency: 500,
    serverPid: server.pid,
    phases: scenario.phases,
  };
  const rssBefore = rssKiB(server.pid);
  const child = new Deno.Command("sh", {
    args: [
      "-c",
      `ulimit -n 20000; exec taskset -c ${spec.generatorCores} deno run -A bench/load/generator.ts '${
        JSON.stringify(config)
      }'`,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const killer = setTimeout(() => child.kill("SIGKILL"), HARD_BOUND_MS);
  try {
    const lines = lineReader(child.stdout);
    const connected = JSON.parse((await lines.next()).value!);
    console.log(
      `  connected ${connected.sockets} in ${connected.connectMs} ms (${connected.failures} failures, server CPU ${connected.serverCpuSeconds} s, generator ${connected.generatorCpuPercent} %)`,
    );
    // Let the server settle, then weigh it with every socket open.
    await new Promise((r) => setTimeout(r, 1_000));
    const rssOpen = rssKiB(server.pid);
    // What the server spends with every socket open and nothing written
    // (timers, sweeps, the bus): part of every window's CPU per delivery.
    const restStart = cpuSeconds(server.pid);
    await new Promise((r) => setTimeout(r, REST_MS));
    const restCpuPercent = Math.round(
      (cpuSeconds(server.pid) - restStart) / (REST_MS / 1000) * 1000,
    ) / 10;
    console.log(`  at rest: server CPU ${restCpuPercent} %`);
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode("go\n"));
    await writer.close();
    const phases: Record<string, unknown>[] = [];
    for await (const line of lines) {
      const phase = JSON.parse(line);
      phases.push(phase);
      console.log(`  ${phase.phase}: ${brief(phase)}`);
    }
    await child.status;
    return {
      name,
      ...spec,
      scenario: scenario.name,
      sockets: scenario.sockets,
      connect: connected,
      rssBeforeKiB: rssBefore,
      rssOpenKiB: rssOpen,
      rssPerSocketKiB: round((rssOpen - rssBefore) / scenario.sockets, 1),
      restCpuPercent,
      phases,
    };
  } finally {
    clearTimeout(killer);
    await server.stop();
  }
}

function brief(phase: Record<string, unknown>): string {
  if (phase.phase === "ramp") {
    return `max ${phase.maxWritesPerSecond} writes/s sustained (${phase.maxDeliveriesPerSecond} deliveries/s), first failed ${phase.firstFailedWritesPerSecond}; leaks ${phase.leaks}, dups ${phase.duplicates}`;
  }
  const l = phase.latencyMs as Record<string, number>;
  return `${phase.deliveriesPerSecond} deliveries/s, ${phase.deliveredPercent} % delivered, p50/p95/p99 ${l.p50}/${l.p95}/${l.p99} ms, server CPU ${phase.serverCpuPerDeliveryUs} µs/delivery (${phase.serverCpuPercent} %), leaks ${phase.leaks}, dups ${phase.duplicates}`;
}

// ---- servers ------------------------------------------------------------
async function startServer(spec: ServerSpec) {
  const port = freePort();
  // BENCH_SERVER_FLAGS passes runtime flags to the server under test, e.g.
  // `--v8-flags=--prof,--logfile=/tmp/perf/v8.log` to profile it.
  const extra = Deno.env.get("BENCH_SERVER_FLAGS") ?? "";
  const command = spec.kind === "reference"
    ? `deno run -A ${extra} bench/load/reference_server.ts`
    : spec.workers === 1
    ? `deno serve -A ${extra} --port ${port} _fresh/server.js`
    : `deno serve -A ${extra} --parallel --port ${port} _fresh/server.js`;
  const child = new Deno.Command("sh", {
    args: [
      "-c",
      `ulimit -n 20000; exec taskset -c ${spec.serverCores} ${command}`,
    ],
    env: {
      PORT: String(port),
      DENO_JOBS: String(spec.workers),
      PRODSIGHT_KV_PATH: kvPath,
      JWT_SECRET: SECRET,
      BENCH_USERS_FILE: usersFile,
      PRODSIGHT_ENV: "production",
      PRODSIGHT_WS_HANDSHAKES_PER_MINUTE: "1000000",
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) drain(stream, tail);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      await res.body?.cancel();
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start:\n${tail.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid,
    port,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      const stopped = await Promise.race([
        child.status.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 10_000)),
      ]);
      if (!stopped) {
        child.kill("SIGKILL");
        await child.status;
      }
    },
  };
}

function freePort(): number {
  for (let i = 0; i < 50; i++) {
    const port = 8400 + Math.floor(Math.random() * 500);
    try {
      Deno.listen({ hostname: "127.0.0.1", port }).close();
      return port;
    } catch {
      // Taken; try another.
    }
  }
  throw new Error("no free port in 8400-8899");
}

function drain(stream: ReadableStream<Uint8Array>, tail: string[]) {
  (async () => {
    for await (
      const text of stream.pipeThrough(
        new TextDecoderStream() as TransformStream<Uint8Array, string>,
      )
    ) {
      if (Deno.env.get("BENCH_VERBOSE")) console.log(text.trimEnd());
      tail.push(text.trimEnd());
      if (tail.length > 50) tail.shift();
    }
  })().catch(() => {});
}

// ---- results ------------------------------------------------------------
function summarise(results: Record<string, unknown>[]) {
  // deno-lint-ignore no-explicit-any
  type Run = any;
  const find = (
    kind: Kind,
    scenario: string,
    round: number,
    workers = 1,
    cores = "0",
  ) =>
    results.find((r) =>
      r.kind === kind && r.scenario === scenario && r.workers === workers &&
      r.serverCores === cores && r.round === round
    ) as Run | undefined;
  const fixedOf = (r: Run) => r?.phases.find((p: Run) => p.phase === "fixed");
  const rampOf = (r: Run) => r?.phases.find((p: Run) => p.phase === "ramp");
  const figures = (kind: Kind, round: number) => {
    const connect = find(kind, "connect", round);
    const fanout = find(kind, "fanout", round);
    const f1 = fixedOf(fanout);
    const f10 = fixedOf(connect);
    const r = rampOf(fanout);
    const all = [connect, fanout].filter(Boolean) as Run[];
    return {
      "connect ms (10k)": connect?.connect.connectMs,
      "connect failures": connect?.connect.failures,
      "RSS KiB/socket (10k)": connect?.rssPerSocketKiB,
      "CPU % at rest (1k)": fanout?.restCpuPercent,
      "CPU µs/delivery (1k)": f1?.serverCpuPerDeliveryUs,
      "CPU µs/delivery (10k)": f10?.serverCpuPerDeliveryUs,
      "CPU µs/write (6 sockets)": fixedOf(find(kind, "writes", round))
        ?.serverCpuPerWriteUs,
      "p50 ms (1k)": f1?.latencyMs.p50,
      "p95 ms (1k)": f1?.latencyMs.p95,
      "p99 ms (1k)": f1?.latencyMs.p99,
      "p99 ms (10k)": f10?.latencyMs.p99,
      "max writes/s (1k)": r?.maxWritesPerSecond,
      "max deliveries/s (1k)": r?.maxDeliveriesPerSecond,
      "delivered % (fixed)": lowest(
        all.flatMap((x) =>
          x.phases.filter((p: Run) => p.phase === "fixed").map((p: Run) =>
            p.deliveredPercent as number
          )
        ),
      ),
      leaks: all.reduce((n, x) => n + (x.phases.at(-1)?.leaks ?? 0), 0),
      duplicates: all.reduce(
        (n, x) => n + (x.phases.at(-1)?.duplicates ?? 0),
        0,
      ),
    };
  };
  type Figures = ReturnType<typeof figures>;
  const rounds = Array.from({ length: repeat }, (_, i) => i + 1);
  const ps = rounds.map((n) => figures("prodsight", n));
  const ref = rounds.map((n) => figures("reference", n));
  const table: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(ps[0]) as (keyof Figures)[]) {
    const a = ps.map((f) => f[key]);
    const b = ref.map((f) => f[key]);
    // Each round's ratio is taken within the round (the two servers ran
    // back to back), then the median of those.
    const ratios = rounds.flatMap((_, i) =>
      typeof a[i] === "number" && typeof b[i] === "number" && b[i] !== 0
        ? [(a[i] as number) / (b[i] as number)]
        : []
    );
    const row: Record<string, unknown> = {
      prodsight: typeof a[0] === "number" ? median(a as number[]) : a[0],
      reference: typeof b[0] === "number" ? median(b as number[]) : b[0],
      ratio: ratios.length === 0 ? null : round(median(ratios), 2),
    };
    if (repeat > 1) {
      row["ratio range"] = ratios.length === 0
        ? null
        : `${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)}`;
    }
    table[key] = row;
  }
  const workers: Record<string, unknown> = {};
  for (const scenario of workerScenarios) {
    for (const w of [1, 2]) {
      const ramps = rounds.map((n) =>
        rampOf(find("prodsight", scenario.name, n, w, "0,1"))
      ).filter(Boolean);
      if (ramps.length === 0) continue;
      const name = `${w} worker${
        w === 1 ? "" : "s"
      }, ${scenario.sockets} sockets`;
      const writes = ramps.map((r) => r.maxWritesPerSecond as number);
      workers[name] = {
        maxWritesPerSecond: median(writes),
        maxDeliveriesPerSecond: median(
          ramps.map((r) => r.maxDeliveriesPerSecond as number),
        ),
        ...(repeat > 1 ? { rounds: writes } : {}),
        leaks: ramps.reduce((n, r) => n + r.leaks, 0),
        duplicates: ramps.reduce((n, r) => n + r.duplicates, 0),
      };
      table[`max writes/s, ${name}, shared cores`] = {
        prodsight: median(writes),
        reference: null,
        ratio: null,
      };
    }
  }
  return {
    rounds: repeat,
    prodsight: repeat === 1 ? ps[0] : ps,
    reference: repeat === 1 ? ref[0] : ref,
    workers,
    table,
  };
}

/** The smallest of some numbers; undefined for none (no fixed window). */
function lowest(values: number[]): number | undefined {
  return values.length === 0 ? undefined : Math.min(...values);
}

/** The median of some numbers (the mean of the middle two when even). */
function median(values: number[]): number {
  const sorted = values.filter((v) => typeof v === "number").sort((x, y) =>
    x - y
  );
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[mid]
    : round((sorted[mid - 1] + sorted[mid]) / 2, 2);
}

function cpuModel(): string {
  const info = Deno.readTextFileSync("/proc/cpuinfo");
  return info.match(/model name\s*:\s*(.+)/)?.[1] ?? "unknown";
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function* lineReader(stream: ReadableStream<Uint8Array>) {
  let buffer = "";
  for await (
    const chunk of stream.pipeThrough(
      new TextDecoderStream() as TransformStream<Uint8Array, string>,
    )
  ) {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf("\n")) !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.startsWith("{")) yield line;
    }
  }
}

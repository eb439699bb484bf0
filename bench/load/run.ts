/**
 * The realtime load benchmark. Seeds bench users, starts the production
 * server (`_fresh/server.js`) pinned to core 0, runs the generator pinned
 * to core 1, and prints the figures. Loopback only; every phase is bounded.
 *
 * Run: `deno task bench` (after `deno task build`), or
 * `deno run -A bench/load/run.ts [--quick]`.
 */
import { seedBenchUsers } from "./seed.ts";

const quick = Deno.args.includes("--quick");
const SECRET = "bench-secret-bench-secret-bench-secret!";
const PORT = 8400 + Math.floor(Math.random() * 500);
const scenarios = quick
  ? [{ sockets: 500, deliveriesPerSecond: 5_000, durationSeconds: 3 }]
  : [
    { sockets: 10_000, deliveriesPerSecond: 25_000, durationSeconds: 10 },
    { sockets: 1_000, deliveriesPerSecond: 25_000, durationSeconds: 10 },
  ];
const maxSockets = Math.max(...scenarios.map((s) => s.sockets));

const dir = await Deno.makeTempDir({ prefix: "prodsight-load-" });
const kvPath = `${dir}/kv.sqlite3`;
const usersFile = `${dir}/users.json`;
const kv = await Deno.openKv(kvPath);
const seedStart = performance.now();
const benchUsers = await seedBenchUsers(kv, SECRET, maxSockets + 6);
kv.close();
await Deno.writeTextFile(usersFile, JSON.stringify(benchUsers));
console.log(
  `seeded ${benchUsers.length} users in ${
    Math.round(performance.now() - seedStart)
  } ms`,
);

const server = new Deno.Command("sh", {
  args: [
    "-c",
    "ulimit -n 20000; exec taskset -c 0 deno run -A _fresh/server.js",
  ],
  env: {
    PORT: String(PORT),
    PRODSIGHT_KV_PATH: kvPath,
    JWT_SECRET: SECRET,
    PRODSIGHT_ENV: "production",
    PRODSIGHT_WS_HANDSHAKES_PER_MINUTE: "1000000",
    NO_COLOR: "1",
  },
  stdout: "piped",
  stderr: "inherit",
}).spawn();

const results: Record<string, unknown>[] = [];
try {
  await waitForLine(server.stdout, /Listening on/, 30_000);
  for (const scenario of scenarios) {
    const rssBefore = rssKiB(server.pid);
    const result = await runGenerator(scenario, server.pid, rssBefore);
    results.push(result);
    console.log(JSON.stringify(result));
  }
} finally {
  server.kill("SIGTERM");
  await server.status;
  await Deno.remove(dir, { recursive: true });
}

const date = new Date().toISOString().slice(0, 10);
await Deno.mkdir("bench/results", { recursive: true });
await Deno.writeTextFile(
  `bench/results/load-${date}${quick ? "-quick" : ""}.json`,
  JSON.stringify({ date, cpu: cpuModel(), results }, null, 2) + "\n",
);
console.table(results.map((r) => ({
  sockets: r.sockets,
  "connect s": (r.connectMs as number) / 1000,
  fails: r.connectFailures,
  "RSS KiB/socket": r.rssPerSocketKiB,
  "deliveries/s": r.deliveriesPerSecond,
  "delivered %": r.deliveredPercent,
  "p50 ms": (r.latencyMs as Record<string, number>).p50,
  "p99 ms": (r.latencyMs as Record<string, number>).p99,
  "max ms": (r.latencyMs as Record<string, number>).max,
  leaks: r.leaks,
  dups: r.duplicates,
  "gen CPU %": r.generatorCpuPercent,
})));

async function runGenerator(
  scenario: {
    sockets: number;
    deliveriesPerSecond: number;
    durationSeconds: number;
  },
  serverPid: number,
  rssBefore: number,
): Promise<Record<string, unknown>> {
  const config = {
    port: PORT,
    usersFile,
    connectConcurrency: 500,
    ...scenario,
  };
  const child = new Deno.Command("sh", {
    args: [
      "-c",
      `ulimit -n 20000; exec taskset -c 1 deno run -A bench/load/generator.ts '${
        JSON.stringify(config)
      }'`,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  // Hard bound on a run: connect + duration + drain + margin.
  const killer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  try {
    const lines = lineReader(child.stdout);
    const connected = JSON.parse((await lines.next()).value!);
    // Let the server settle, then weigh it with every socket open.
    await new Promise((r) => setTimeout(r, 1_000));
    const rssOpen = rssKiB(serverPid);
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode("go\n"));
    await writer.close();
    const done = JSON.parse((await lines.next()).value!);
    await child.status;
    return {
      ...done,
      connectMsReported: connected.connectMs,
      serverRssKiB: rssOpen,
      rssPerSocketKiB:
        Math.round((rssOpen - rssBefore) / scenario.sockets * 10) / 10,
    };
  } finally {
    clearTimeout(killer);
  }
}

function rssKiB(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(status.match(/VmRSS:\s+(\d+) kB/)![1]);
}

function cpuModel(): string {
  const info = Deno.readTextFileSync("/proc/cpuinfo");
  return info.match(/model name\s*:\s*(.+)/)?.[1] ?? "unknown";
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

async function waitForLine(
  stream: ReadableStream<Uint8Array>,
  pattern: RegExp,
  timeoutMs: number,
) {
  const reader = stream
    .pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>)
    .getReader();
  const deadline = setTimeout(() => reader.cancel(), timeoutMs);
  let text = "";
  try {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`server exited before "${pattern}": ${text}`);
      text += value;
    }
  } finally {
    clearTimeout(deadline);
  }
  // Keep draining the server's output so it never blocks on a full pipe.
  (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      if (Deno.env.get("BENCH_VERBOSE")) console.log(value.trim());
    }
  })().catch(() => {});
}

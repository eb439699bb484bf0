/**
 * Writes spread over 4 productions against writes to 1 (issue #12): the
 * same task-shaped writes (record, indexes, history entry and event, one
 * commit each) from several workers, each with its own KV connection, as
 * the workers of `deno serve --parallel` have. Every event-writing commit
 * checks its production's log head, so writers of one production meet at
 * that key and redo their change; writers of different productions never
 * do.
 *
 *     deno run -A bench/production_writes.ts [--workers=2] [--writes=600]
 *       [--backend=embedded|connect] [--seconds=300]
 *
 * `embedded` (the default) shares one temporary SQLite file between the
 * workers; `connect` starts the tests' denokv stand-in on 127.0.0.1 over a
 * temporary file and has every worker open it over KV Connect. Prints
 * writes/s and retries (attempts beyond the first: failed checks, and
 * others — SQLite's file lock) per layout, and for `connect` the server's
 * CPU time. Bounded: a fixed count of writes per worker, each run stopped
 * with an error after `--seconds`, the server stopped at the end of its run.
 *
 * @module
 */
import { withDeadline } from "@/lib/deadline.ts";
import { startKvConnectServer } from "@/tests/helpers/denokv_stand_in.ts";

const arg = (name: string) =>
  Deno.args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const WORKERS = Number(arg("workers") ?? 2);
const WRITES = Number(arg("writes") ?? 600);
const SECONDS = Number(arg("seconds") ?? 300);
const BACKEND = arg("backend") ?? "embedded";
if (BACKEND !== "embedded" && BACKEND !== "connect") {
  throw new Error(`--backend=${BACKEND}: embedded or connect`);
}

interface Done {
  commits: number;
  attempts: number;
  conflicts: number;
}

/** Runs the writers against `path` (a file or a KV Connect URL). */
async function write(path: string, productions: number): Promise<Done[]> {
  const workers: Worker[] = [];
  const done = Array.from(
    { length: WORKERS },
    (_, i) =>
      new Promise<Done>((resolve, reject) => {
        const worker = new Worker(
          new URL("./production_writes_worker.ts", import.meta.url),
          { type: "module" },
        );
        workers.push(worker);
        worker.onmessage = (e) => resolve(e.data as Done);
        worker.onerror = (e) => reject(e.error ?? new Error(e.message));
        worker.postMessage({ path, productions, writes: WRITES, worker: i });
      }),
  );
  try {
    return await withDeadline(Promise.all(done), SECONDS * 1000, "the writes");
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

/** utime + stime of a process, seconds (Linux clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = Deno.readTextFileSync(`/proc/${pid}/stat`)
    .replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function run(productions: number): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-writes-" });
  const path = `${dir}/kv.sqlite3`;
  let results: Done[];
  let seconds: number;
  let server = "";
  try {
    if (BACKEND === "embedded") {
      const start = performance.now();
      results = await write(path, productions);
      seconds = (performance.now() - start) / 1000;
    } else {
      await using kv = await startKvConnectServer({ path });
      // Workers share the process's environment; each opens its own client.
      Deno.env.set("DENO_KV_ACCESS_TOKEN", kv.accessToken);
      const cpu = cpuSeconds(kv.pid);
      const start = performance.now();
      results = await write(kv.url, productions);
      seconds = (performance.now() - start) / 1000;
      server = `, server CPU ${(cpuSeconds(kv.pid) - cpu).toFixed(1)} s`;
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const commits = results.reduce((n, r) => n + r.commits, 0);
  const retries = results.reduce((n, r) => n + r.attempts - r.commits, 0);
  const conflicts = results.reduce((n, r) => n + r.conflicts, 0);
  console.log(
    `${BACKEND}, ${productions} production(s), ${WORKERS} workers: ` +
      `${commits} writes in ${seconds.toFixed(2)} s = ` +
      `${(commits / seconds).toFixed(0)} writes/s, ${retries} retries ` +
      `(${(retries / commits * 100).toFixed(1)} %: ${conflicts} failed ` +
      `checks, ${retries - conflicts} other: file locks)${server}`,
  );
}

const load = () => Deno.readTextFileSync("/proc/loadavg").trim();
console.log(`load ${load()}`);
for (const productions of [1, 4, 1, 4]) await run(productions);
console.log(`load ${load()}`);

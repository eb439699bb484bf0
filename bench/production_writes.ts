/**
 * Writes spread over 4 productions against writes to 1 (issue #12): the
 * same task-shaped writes (record, indexes, history entry and event, one
 * commit each) from several workers sharing one KV file, as the workers of
 * `deno serve --parallel` do. Every event-writing commit checks its
 * production's log head, so writers of one production meet at that key and
 * redo their change; writers of different productions never do.
 *
 *     deno run -A bench/production_writes.ts [--workers=2] [--writes=600]
 *
 * Prints writes/s and retries (attempts beyond the first) per layout.
 * Bounded: a fixed count of writes per worker, a temporary KV file.
 *
 * @module
 */
const option = (name: string, fallback: number) =>
  Number(
    Deno.args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ??
      fallback,
  );
const WORKERS = option("workers", 2);
const WRITES = option("writes", 600);

interface Done {
  commits: number;
  attempts: number;
  conflicts: number;
  locked: number;
}

async function run(productions: number): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-writes-" });
  const path = `${dir}/kv.sqlite3`;
  const start = performance.now();
  const results = await Promise.all(
    Array.from(
      { length: WORKERS },
      (_, i) =>
        new Promise<Done>((resolve, reject) => {
          const worker = new Worker(
            new URL("./production_writes_worker.ts", import.meta.url),
            { type: "module" },
          );
          worker.onmessage = (e) => {
            worker.terminate();
            resolve(e.data as Done);
          };
          worker.onerror = (e) => {
            worker.terminate();
            reject(e.error ?? new Error(e.message));
          };
          worker.postMessage({ path, productions, writes: WRITES, worker: i });
        }),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const commits = results.reduce((n, r) => n + r.commits, 0);
  const retries = results.reduce((n, r) => n + r.attempts - r.commits, 0);
  const conflicts = results.reduce((n, r) => n + r.conflicts, 0);
  const locked = results.reduce((n, r) => n + r.locked, 0);
  console.log(
    `${productions} production(s), ${WORKERS} workers: ${commits} writes in ` +
      `${seconds.toFixed(2)} s = ${(commits / seconds).toFixed(0)} writes/s, ` +
      `${retries} retries (${(retries / commits * 100).toFixed(1)} %: ` +
      `${conflicts} failed checks, ${locked} file locks)`,
  );
  await Deno.remove(dir, { recursive: true });
}

console.log(`load ${Deno.readTextFileSync("/proc/loadavg").trim()}`);
for (const productions of [1, 4, 1, 4]) await run(productions);

/**
 * The script-revision ripple on a big production (issue #13): a 120-page
 * draft (130 scenes) re-imported against 1,000 tasks, 200 shots and 500
 * links, with a revision that changes every fifth scene and omits every
 * thirteenth. Reports the import and the ripple separately, the flags and
 * inbox notices written, and how late a 5 ms timer fired meanwhile — the
 * longest stretch in which the server could not have answered another
 * request.
 *
 *     deno run -A --unstable-kv bench/ripple.ts [--scenes=130] [--tasks=1000]
 *       [--shots=200] [--links=500] [--runs=3]
 *
 * Each run uses a fresh KV file in a temporary directory (the embedded
 * SQLite store, as `deno task start` runs) and deletes it after. Bounded: a
 * fixed number of records and runs.
 *
 * @module
 */
import { tasks } from "@/lib/tasks/task_store.ts";
import { spreadBelow } from "@/lib/tasks/rank.ts";
import { links } from "@/lib/links/store.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { rippleOfDraft } from "@/lib/ripple/service.ts";
import { flags } from "@/lib/ripple/store.ts";
import { seedDemo } from "@/lib/seed.ts";
import { createScript, importDraft } from "@/lib/script/service.ts";
import { syntheticScene } from "@/lib/fountain/testing.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { openKv } from "@/lib/store/kv.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import { listMembers } from "@/lib/team/members.ts";
import { shots } from "@/lib/vfx/store.ts";

const arg = (name: string, fallback: number) =>
  Number(
    Deno.args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ??
      fallback,
  );
const SCENES = arg("scenes", 130);
const TASKS = arg("tasks", 1000);
const SHOTS = arg("shots", 200);
const LINKS = arg("links", 500);
const RUNS = arg("runs", 3);

/** A scene of about a page: the synthetic scene with more action. */
function scene(n: number, revised: boolean): string {
  const more = "The keeper climbs the stairs, counts the steps, " +
    "checks the lamp, wipes the glass and writes the time in the log.\n\n";
  const base = syntheticScene(n).replace(
    "\n\nKEEPER\n",
    `\n\n${more.repeat(12)}KEEPER\n`,
  );
  return revised ? base.replace("Glass is falling.", "Glass is rising.") : base;
}

function draft(revision: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i < SCENES; i++) {
    if (revision && i % 13 === 6) continue; // omitted
    parts.push(scene(i, revision && i % 5 === 0));
  }
  return `Title: Bench Light\n\n${parts.join("")}`;
}

/**
 * Writes `items` a batch per commit: `size` stays within the 10 checks a
 * commit may carry (each unique index entry is one).
 */
async function inBatches<T>(
  kv: Deno.Kv,
  size: number,
  items: T[],
  write: (
    tx: Parameters<Parameters<typeof transact>[1]>[0],
    item: T,
  ) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += size) {
    await transact(kv, async (tx) => {
      for (const item of items.slice(i, i + size)) await write(tx, item);
    });
  }
}

async function run() {
  const dir = await Deno.makeTempDir({ prefix: "ripple-bench-" });
  const store = await openKv(`${dir}/kv.sqlite`);
  try {
    const kv = productionKv(store, PRODUCTION_ID);
    await seedDemo(kv, { passwordIterations: 1000, moduleData: false });
    const members = await listMembers(kv);
    const person = (role: string): ServiceActor => {
      const m = members.find((x) => x.role === role)!;
      return { id: m.id, name: m.name, role: m.role };
    };
    const director = serviceContext(kv, person("director"));
    const crew = person("crew");
    const artist = person("vfx");
    const first = await createScript(director, {
      title: "Bench Light",
      source: draft(false),
    });
    const keys = first.scenes.map((s) => s.key);
    const now = new Date();
    const ranks = spreadBelow(null, TASKS);
    const taskIds: string[] = [];
    await inBatches(kv, 50, [...Array(TASKS).keys()], async (tx, i) => {
      const task = await tasks.insert(tx, {
        title: `Prep scene ${i % SCENES + 1} (${i})`,
        description: "",
        status: "todo",
        priority: "medium",
        assigneeId: i % 2 === 0 ? crew.id : null,
        department: "Art",
        dueDate: null,
        createdBy: director.actor.id,
        rank: ranks[i],
      }, { now });
      taskIds.push(task.id);
    });
    await inBatches(
      kv,
      10,
      [...Array(SHOTS).keys()],
      (tx, i) =>
        shots.insert(tx, {
          code: `BL_${String(i).padStart(3, "0")}_0010`,
          sceneKey: keys[i % keys.length],
          description: "",
          frameIn: 1001,
          frameOut: 1100,
          vendor: "",
          bidCents: 100_000,
          assigneeId: i % 3 === 0 ? null : artist.id,
          status: "not_started",
          versionCount: 0,
        }, { now }),
    );
    await inBatches(
      kv,
      10,
      [...Array(LINKS).keys()],
      (tx, i) =>
        links.insert(tx, {
          from: { type: "task", id: taskIds[i] },
          to: { type: "scene", id: keys[(i * 7) % keys.length] },
          createdBy: director.actor.id,
          createdByName: director.actor.name,
        }, { now }),
    );

    // The longest a 5 ms timer waited past its time while the import ran.
    let lag = 0;
    let expected = performance.now() + 5;
    const timer = setInterval(() => {
      const t = performance.now();
      lag = Math.max(lag, t - expected);
      expected = t + 5;
    }, 5);
    // What the import route does (importRevision), timed in two parts.
    const started = performance.now();
    const detail = await importDraft(director, first.script.id, {
      source: draft(true),
    });
    const imported = performance.now();
    await rippleOfDraft(director, first.script.id, detail.version.number);
    const rippled = performance.now();
    clearInterval(timer);
    const flagged = await flags.count(kv);
    return {
      pages: Math.round(first.script.eighths / 8),
      scenes: first.scenes.length,
      changed: detail.version.summary,
      flags: flagged,
      importMs: Math.round(imported - started),
      rippleMs: Math.round(rippled - imported),
      maxTimerLagMs: Math.round(lag * 10) / 10,
    };
  } finally {
    store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const results = [];
for (let i = 0; i < RUNS; i++) results.push(await run());
console.log(JSON.stringify(results, null, 2));

/**
 * Writes `pre_productions.sqlite`: a store as the last single-production
 * version of ProdSight (commit c5f64f7) left it, for the store migrations'
 * tests (lib/store/migrations/). It was run once, from a checkout of that
 * commit (`git archive c5f64f7 | tar -x -C /tmp/pre`, this file copied in):
 *
 *     deno run -A --unstable-kv lib/store/testdata/make_pre_productions_fixture.ts
 *
 * It need not stay runnable: it calls the pre-productions code (one
 * production, unscoped keys), which the productions work replaces. It is
 * kept to say how the fixture was made.
 *
 * What it does, as `deno task start` would: `openServices` (which keeps a
 * generated JWT secret in KV), `seedDemo` with the default options, then a
 * few writes through the module services so the store holds events, record
 * history, a deleted task, an uploaded asset in chunks, an announcement
 * dismissal, a second script draft with a scene note, and the one-time
 * index markers the first reads leave. Two departures, both so the fixture
 * keeps what KV would otherwise expire (expired keys vanish when a file is
 * opened): events are logged with a 50-year retention instead of the
 * configured 48 h, and the dismissal is made with the service clock set to
 * 2000-01-01 (its expiry is the banner window + 1 day after "now").
 *
 * Then it lists every key and writes `pre_productions_inventory.json`: the
 * count of keys per first key part, and the keys that carry an expiry.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { loadConfig } from "@/lib/config.ts";
import { openServices } from "@/server/services.ts";
import { seedDemo } from "@/lib/seed.ts";
import { setEventRetention } from "@/lib/store/event_log.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { users } from "@/lib/team/users.ts";
import { createTask, deleteTask, updateTask } from "@/lib/tasks/service.ts";
import {
  announce,
  dismissAnnouncement,
  recentAnnouncements,
} from "@/lib/announcements/service.ts";
import { uploadFile } from "@/lib/assets/service.ts";
import { createExpense, listExpenses } from "@/lib/budget/service.ts";
import { categories } from "@/lib/budget/budget_store.ts";
import { importDraft, listScripts, updateScene } from "@/lib/script/service.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";

const here = new URL(".", import.meta.url).pathname;
const path = `${here}pre_productions.sqlite`;
for (const suffix of ["", "-wal", "-shm"]) {
  await Deno.remove(path + suffix).catch(() => {});
}

const services = await openServices(
  loadConfig({ PRODSIGHT_KV_PATH: path }),
);
const kv = services.kv;
setEventRetention(kv, 50 * 365 * 24);
await seedDemo(kv);

async function actor(username: string): Promise<ServiceActor> {
  const [user] = await users.findBy(kv, "username", username);
  // At c5f64f7 the account carried its role; today's type no longer says so.
  const { role } = user as unknown as { role: ServiceActor["role"] };
  return { id: user.id, name: user.name, role };
}
const producer = serviceContext(kv, await actor("producer"));
const crew = serviceContext(kv, await actor("crew"));
const director = serviceContext(kv, await actor("director"));
const manager = serviceContext(kv, await actor("prodmanager"));

// Tasks: created, moved by its assignee, and a second one deleted (history
// purge marker and swept history).
const task = await createTask(producer, {
  title: "Fixture: scout the jetty at low tide",
  description: "",
  status: "todo",
  priority: "high",
  assigneeId: crew.actor.id,
  department: "Locations",
  dueDate: "2027-02-10",
});
await updateTask(crew, task.id, { status: "in_progress" });
const doomed = await createTask(producer, {
  title: "Fixture: a task that is deleted",
  description: "",
  status: "todo",
  priority: "low",
  assigneeId: null,
  department: "",
  dueDate: null,
});
await deleteTask(producer, doomed.id);

// An announcement, dismissed by crew.
const news = await announce(producer, {
  message: "Fixture: unit call moved to 06:00",
  level: "warning",
});
await dismissAnnouncement(
  serviceContext(kv, crew.actor, () => new Date("2000-01-01T00:00:00Z")),
  news.id,
);

// An upload of three chunks (60 KiB each).
const csv = "shot,frames\n" + "NL_010_0040,96\n".repeat(9_000);
await uploadFile(crew, {
  name: "fixture-shot-list.csv",
  body: new Blob([csv]).stream(),
});

// A budget expense (category spend, expense indexes, event).
const [category] = await categories.list(kv);
await createExpense(manager, {
  categoryId: category.id,
  amountCents: 12_345,
  description: "Fixture: ferry tickets",
  vendor: "Fjord Line",
  date: "2027-02-03",
});

// A second draft of the demo script: one scene's action line changed.
const [script] = await listScripts(director);
const draft = await importDraft(director, script.id, {
  source: SAMPLE_SCREENPLAY.replace(
    "Fog lifts off black rocks.",
    "Fog lifts slowly off black rocks.",
  ),
});
// A scene note (scene history, the script's revision counter, a KvU64).
await updateScene(director, script.id, draft.scenes[2].id, {
  notes: "Fixture: shoot the jetty at low tide",
});
// Reads that leave their one-time index markers (`migrations`,
// `budget_migrations`), as the first page views after a start would.
await recentAnnouncements(crew);
await listExpenses(manager, {});

await services.close();

// The inventory: keys per first part, and which keys expire (from the
// SQLite table itself; KV does not say).
const reopened = await Deno.openKv(path);
const prefixes: Record<string, number> = {};
for await (const entry of reopened.list({ prefix: [] })) {
  const head = String(entry.key[0]);
  prefixes[head] = (prefixes[head] ?? 0) + 1;
}
reopened.close();
const db = new DatabaseSync(path);
const expiring = db.prepare(
  "select count(*) as n from kv where expiration_ms >= 0",
).get() as { n: number };
db.exec("vacuum");
db.close();
await Deno.writeTextFile(
  `${here}pre_productions_inventory.json`,
  JSON.stringify(
    {
      madeWith: "c5f64f7",
      productionId: "current",
      keys: Object.values(prefixes).reduce((a, b) => a + b, 0),
      expiring: expiring.n,
      prefixes,
    },
    null,
    2,
  ) + "\n",
);
console.log(prefixes, "expiring:", expiring.n);

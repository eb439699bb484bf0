import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { getProduction } from "@/lib/production/store.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { users } from "@/lib/team/users.ts";
import { assetBytes, listAssets } from "@/lib/assets/store.ts";
import {
  eventId,
  latestEventId,
  readEventsAfter,
} from "@/lib/store/event_log.ts";
import { readHistory } from "@/lib/store/history.ts";
import { COMMIT_LIMITS, openKv } from "@/lib/store/kv.ts";
import { migrate } from "@/lib/store/migrations.ts";
import { productionKv, STUDIO_COLLECTIONS } from "@/lib/store/production_kv.ts";
import { withKv } from "@/lib/store/testing.ts";
import { expiryOf, MIN_LEFT_MS } from "./v1_expiry.ts";
import { scopeProductionCollections } from "./v1_productions.ts";
import {
  assertMigrated,
  copyFixture,
  fixtureInventory,
  recordCommits,
  snapshot,
} from "./testing.ts";

/** The fixture's events were logged with a 50-year retention. */
const RETENTION_MS = 50 * 365 * 24 * 3_600_000;
const step = (options: { batchKeys?: number; productionId?: string } = {}) =>
  scopeProductionCollections({ eventRetentionMs: RETENTION_MS, ...options });

/** Runs `fn` on an opened copy of the fixture, with its path. */
async function withFixture(fn: (kv: Deno.Kv, path: string) => Promise<void>) {
  const copy = await copyFixture();
  const kv = await openKv(copy.path);
  try {
    await fn(kv, copy.path);
  } finally {
    kv.close();
    await copy.dispose();
  }
}

Deno.test("v1 productions - the fixture holds what its inventory lists", () =>
  withFixture(async (kv) => {
    const inventory = await fixtureInventory();
    const counts: Record<string, number> = {};
    for (const entry of (await snapshot(kv)).values()) {
      const head = String(entry.key[0]);
      counts[head] = (counts[head] ?? 0) + 1;
    }
    assert.deepEqual(counts, inventory.prefixes);
  }));

Deno.test("v1 productions - every production key moves under the production, in commits within the limits", () =>
  withFixture(async (kv) => {
    const { productionId } = await fixtureInventory();
    const before = await snapshot(kv);
    const recorder = recordCommits(kv);
    assert.equal(await migrate(recorder.kv, [step()]), 1);
    await assertMigrated(kv, before, productionId);
    const most = (f: "checks" | "mutations" | "bytes") =>
      Math.max(...recorder.commits.map((c) => c[f]));
    assert.ok(most("checks") <= COMMIT_LIMITS.checks);
    assert.ok(most("mutations") <= COMMIT_LIMITS.mutations);
    assert.ok(most("bytes") <= COMMIT_LIMITS.bytes, `${most("bytes")} bytes`);
    // 845 keys, at most 400 a commit.
    assert.ok(recorder.commits.length >= 5, `${recorder.commits.length}`);
  }));

Deno.test("v1 productions - the app's reads through the production's view see what they saw", () =>
  withFixture(async (kv) => {
    const { productionId, prefixes } = await fixtureInventory();
    const reads = async (view: Deno.Kv) => {
      const assets = await listAssets(view);
      const fixtureCsv = assets.find((a) => a.name.startsWith("fixture"))!;
      const [task] = (await tasks.list(view)).filter((t) =>
        t.title.startsWith("Fixture")
      );
      return {
        production: await getProduction(view),
        tasks: await tasks.list(view),
        users: await users.list(view),
        events: await readEventsAfter(view, eventId(0)),
        head: await latestEventId(view),
        history: await readHistory(view, "tasks", task.id),
        assets,
        csv: await new Response(assetBytes(view, fixtureCsv)).text(),
      };
    };
    const lists = async (view: Deno.Kv) => {
      const out: Record<string, unknown> = {};
      for (const c of Object.keys(prefixes)) {
        const entries = await Array.fromAsync(view.list({ prefix: [c] }));
        const own = await view.get([c]);
        out[c] = [own.value, entries.map((e) => [e.key, e.value])];
      }
      return out;
    };
    const seen = await reads(kv);
    assert.equal(seen.csv.split("\n").length, 9_002, "the three chunks");
    const listed = await lists(kv);
    await migrate(kv, [step()]);
    const view = productionKv(kv, productionId);
    assert.deepEqual(await reads(view), seen);
    assert.deepEqual(await lists(view), listed);
    const other = await lists(productionKv(kv, "another"));
    for (
      const [c, [own, entries]] of Object.entries(other) as [
        string,
        [unknown, unknown[]],
      ][]
    ) {
      if (STUDIO_COLLECTIONS.has(c)) continue;
      assert.deepEqual([own, entries], [null, []], `${c}: nothing elsewhere`);
    }
  }));

Deno.test("v1 productions - events keep their remaining retention", async () => {
  const copy = await copyFixture();
  try {
    const expiries = () => {
      const db = new DatabaseSync(copy.path);
      const rows = db.prepare(
        "select expiration_ms as at from kv where expiration_ms >= 0 order by 1",
      ).all() as { at: number }[];
      db.close();
      return rows.map((r) => r.at);
    };
    const before = expiries();
    const kv = await openKv(copy.path);
    await migrate(kv, [step()]);
    kv.close();
    const after = expiries();
    assert.equal(after.length, (await fixtureInventory()).expiring);
    // The dismissal was made with the clock at 2000: its life is over, so
    // it gets the least left; the 9 events keep theirs, to the second.
    assert.ok(Math.abs(after[0] - (Date.now() + MIN_LEFT_MS)) < 60_000);
    after.slice(1).forEach((at, i) =>
      assert.ok(Math.abs(at - before[i + 1]) < 5_000, `event ${i}`)
    );
  } finally {
    await copy.dispose();
  }
});

Deno.test("v1 productions - a key's expiry is worked out from its value", () => {
  const now = Date.parse("2027-03-01T12:00:00Z");
  const hour = 3_600_000;
  const day = 24 * hour;
  assert.equal(
    expiryOf("events", { ts: now - hour }, now, 48 * hour),
    47 * hour,
  );
  assert.equal(
    expiryOf("events", { ts: now - 3 * day }, now, 48 * hour),
    MIN_LEFT_MS,
  );
  assert.equal(
    expiryOf("events", { ts: now + day }, now, 48 * hour),
    48 * hour,
    "a clock ahead",
  );
  assert.equal(expiryOf("events", {}, now, 48 * hour), 48 * hour);
  const at = new Date(now - day).toISOString();
  assert.equal(expiryOf("announcement_dismissals", { at }, now, 0), 7 * day);
  assert.equal(
    expiryOf("asset_uploads", { renewedAt: now - 60_000 }, now, 0),
    hour,
  );
  assert.equal(expiryOf("tasks", { ts: now }, now, 48 * hour), undefined);
});

Deno.test("v1 productions - keys shaped like moved ones, any key part type, and interruption at every commit", async () => {
  const pid = "p1";
  const tricky: [Deno.KvKey, unknown][] = [
    [["events_head"], 7],
    [["production", pid], { id: pid }],
    [["production", pid, pid], "deeper"],
    [["x", pid], new Deno.KvU64(3n)],
    [["x", `${pid}\0`], "after the production's range"],
    [["x", "a"], new Uint8Array([1, 2])],
    [["x", new Uint8Array([0])], "bytes"],
    [["x", 5n, 1], "bigint"],
    [["x", 2.5], "number"],
    [["x", true], "boolean"],
    [["x", "zz", "y"], null],
    [["users", pid], "studio"],
    [["seeded"], "studio"],
  ];
  // One key per commit, so a failure lands between any two moves; a
  // failure after its commit is written stands for a crash before the
  // process heard back.
  const steps = [step({ batchKeys: 1, productionId: pid })];
  let commits = Infinity;
  for (let failAt = 1; failAt <= commits; failAt++) {
    for (const afterWrite of [false, true]) {
      await withKv(async (kv) => {
        for (const [key, value] of tricky) await kv.set(key, value);
        const before = await snapshot(kv);
        const recorder = recordCommits(kv, { failAt, afterWrite });
        const ran = await migrate(recorder.kv, steps, { leaseMs: 50 })
          .then(() => true, () => false);
        if (ran) commits = Math.min(commits, failAt - 1);
        await migrate(kv, steps, { leaseMs: 50 });
        await assertMigrated(kv, before, pid);
      });
    }
  }
  // The lease, 4 keys staged, the marker, 7 keys moved directly, 4 from the
  // stage, the version, the markers cleared: every one was a failure point.
  assert.equal(commits, 19);
});

Deno.test("v1 productions - large values are moved a few per commit", () =>
  withKv(async (kv) => {
    const chunk = new Uint8Array(60 * 1024).fill(7);
    for (let i = 0; i < 40; i++) await kv.set(["asset_chunks", "a1", i], chunk);
    const before = await snapshot(kv);
    const recorder = recordCommits(kv);
    await migrate(recorder.kv, [step()]);
    await assertMigrated(kv, before, "current");
    const sizes = recorder.commits.map((c) => c.bytes);
    assert.ok(Math.max(...sizes) <= 512 * 1024 + 64 * 1024, `${sizes}`);
    assert.ok(sizes.length >= 6, `${sizes}`);
  }));

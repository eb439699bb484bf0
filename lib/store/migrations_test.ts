import assert from "node:assert/strict";
import { withDeadline } from "@/lib/deadline.ts";
import { openKv } from "./kv.ts";
import {
  migrate,
  MIGRATION_LEASE_KEY,
  MIGRATION_SCRATCH_KEY,
  type MigrationStep,
  STORE_MIGRATIONS,
  STORE_VERSION_KEY,
} from "./migrations.ts";
import { scopeProductionCollections } from "./migrations/v1_productions.ts";
import {
  assertMigrated,
  copyFixture,
  recordCommits,
  snapshot,
} from "./migrations/testing.ts";
import { withKv } from "./testing.ts";

/** A step that appends its name to `["log"]` (through the lease). */
function logStep(version: number, runs: string[]): MigrationStep {
  const name = `step${version}`;
  return {
    version,
    name,
    async run(kv, lease) {
      runs.push(name);
      const log = (await kv.get<string[]>(["log"])).value ?? [];
      await lease.commit(kv.atomic().set(["log"], [...log, name]));
    },
  };
}

/** The v1 step on the fixture, counting how often it starts. */
function countedV1(batchKeys?: number) {
  const step = scopeProductionCollections({
    eventRetentionMs: 50 * 365 * 24 * 3_600_000,
    batchKeys,
  });
  const counted = {
    runs: 0,
    step: {
      ...step,
      run: (kv: Deno.Kv, lease: Parameters<MigrationStep["run"]>[1]) => {
        counted.runs++;
        return step.run(kv, lease);
      },
    } satisfies MigrationStep,
  };
  return counted;
}

Deno.test("migrate - the app's steps: 1 scopes the production collections, 2 turns roles into memberships, 3 registers the productions, 4 gives breakdown tags their elements", () => {
  assert.deepEqual(
    STORE_MIGRATIONS.map((s) => [s.version, s.name]),
    [
      [1, "scope_production_collections"],
      [2, "memberships_from_roles"],
      [3, "production_register"],
      [4, "elements_from_tags"],
    ],
  );
});

Deno.test("migrate - runs the pending steps in order, each once", () =>
  withKv(async (kv) => {
    const runs: string[] = [];
    assert.equal(await migrate(kv, [logStep(1, runs)]), 1);
    const steps = [logStep(1, runs), logStep(2, runs), logStep(3, runs)];
    assert.equal(await migrate(kv, steps), 3);
    assert.equal(await migrate(kv, steps), 3);
    assert.deepEqual(runs, ["step1", "step2", "step3"]);
    assert.deepEqual((await kv.get(["log"])).value, runs);
    assert.equal((await kv.get(STORE_VERSION_KEY)).value, 3);
    assert.equal((await kv.get(MIGRATION_LEASE_KEY)).value, null);
    await assert.rejects(
      migrate(kv, [logStep(2, []), logStep(2, [])]),
      TypeError,
    );
  }));

Deno.test("migrate - a failing step releases the lease; the next start runs it again", () =>
  withKv(async (kv) => {
    let fail = true;
    const step: MigrationStep = {
      version: 1,
      name: "flaky",
      async run(_kv, lease) {
        await lease.commit(kv.atomic().set([...lease.scratch, "p"], "half"));
        if (fail) throw new Error("disk full");
      },
    };
    await assert.rejects(migrate(kv, [step]), /disk full/);
    assert.equal((await kv.get(MIGRATION_LEASE_KEY)).value, null);
    assert.equal((await kv.get(STORE_VERSION_KEY)).value, null);
    fail = false;
    const started = Date.now();
    assert.equal(await migrate(kv, [step]), 1);
    assert.ok(Date.now() - started < 1_000, "no wait for a lease to lapse");
    const scratch = kv.list({ prefix: MIGRATION_SCRATCH_KEY });
    assert.deepEqual(await Array.fromAsync(scratch), [], "cleared");
  }));

Deno.test("migrate - a dead holder's lease lapses and another process takes over; a live one is waited for, within a bound", () =>
  withKv(async (kv) => {
    const lease = (until: number) => ({ owner: "dead", version: 1, until });
    await kv.set(MIGRATION_LEASE_KEY, lease(Date.now() + 60_000));
    const runs: string[] = [];
    await assert.rejects(
      migrate(kv, [logStep(1, runs)], { waitMs: 300, pollMs: 20 }),
      /did not finish within 300 ms/,
    );
    await kv.set(MIGRATION_LEASE_KEY, lease(Date.now() + 200));
    assert.equal(await migrate(kv, [logStep(1, runs)], { pollMs: 20 }), 1);
    assert.deepEqual(runs, ["step1"]);
  }));

Deno.test("migrate - a holder that lost its lease writes nothing more and waits for the version", () =>
  withKv(async (kv) => {
    const holding = Promise.withResolvers<void>();
    const takenOver = Promise.withResolvers<void>();
    const slow: MigrationStep = {
      version: 1,
      name: "slow",
      async run(kv, lease) {
        const mine = (await kv.get(["owner"])).value === null;
        await lease.commit(kv.atomic().set(["owner"], mine ? "slow" : "fast"));
        if (!mine) return takenOver.resolve();
        holding.resolve();
        // Stalled past its 100 ms lease: until another holder has taken
        // the step over and written, not for a guessed time.
        await withDeadline(takenOver.promise, 10_000, "the takeover");
        await lease.commit(kv.atomic().set(["late"], true));
      },
    };
    const first = migrate(kv, [slow], { leaseMs: 100, pollMs: 20 });
    await withDeadline(holding.promise, 10_000, "the first holder");
    const second = migrate(kv, [slow], { leaseMs: 100, pollMs: 20 });
    assert.deepEqual(await Promise.all([first, second]), [1, 1]);
    assert.equal((await kv.get(["owner"])).value, "fast", "taken over");
    assert.equal((await kv.get(["late"])).value, null, "the stalled write");
  }));

Deno.test("migrate - two handles on one file migrate the fixture once", async () => {
  const copy = await copyFixture();
  const a = await openKv(copy.path);
  const b = await openKv(copy.path);
  try {
    const before = await snapshot(a);
    const v1 = countedV1(100);
    const recorders = [recordCommits(a), recordCommits(b)];
    assert.deepEqual(
      await Promise.all(recorders.map((r) => migrate(r.kv, [v1.step]))),
      [1, 1],
    );
    assert.equal(v1.runs, 1);
    await assertMigrated(b, before, "current");
    for (const { commits } of recorders) {
      for (const c of commits) assert.ok(c.checks <= 10 && c.mutations <= 1000);
    }
  } finally {
    a.close();
    b.close();
    await copy.dispose();
  }
});

Deno.test("migrate - the fixture's migration cut off after a few batches completes on the next start", async () => {
  // An error (the lease is released), a crash before the commit is heard
  // of, a process that dies there (its lease lapses after 200 ms).
  const modes = [{}, { afterWrite: true }, { afterWrite: true, dies: true }];
  for (const failAt of [3, 6, 9]) {
    for (const mode of modes) {
      const copy = await copyFixture();
      const kv = await openKv(copy.path);
      try {
        const before = await snapshot(kv);
        const cut = recordCommits(kv, { failAt, ...mode });
        await assert.rejects(
          migrate(cut.kv, [countedV1(100).step], { leaseMs: 200 }),
        );
        const again = recordCommits(kv);
        const v1 = countedV1(100);
        assert.equal(await migrate(again.kv, [v1.step], { pollMs: 20 }), 1);
        assert.equal(v1.runs, 1);
        await assertMigrated(kv, before, "current");
        // A second start changes nothing at all.
        const after = await snapshot(kv);
        const idle = countedV1(100);
        assert.equal(await migrate(kv, [idle.step]), 1);
        assert.equal(idle.runs, 0);
        assert.deepEqual(await snapshot(kv), after);
      } finally {
        kv.close();
        await copy.dispose();
      }
    }
  }
});

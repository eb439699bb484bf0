import assert from "node:assert/strict";
import {
  findProductionBySlug,
  getProduction,
  PRODUCTION_ID,
  productions,
} from "@/lib/production/store.ts";
import { DEFAULT_DEPARTMENTS } from "@/lib/production/shared.ts";
import { DEFAULT_SHOT_CODE_PATTERN } from "@/lib/production/shot_code.ts";
import { COMMIT_LIMITS, openKv } from "@/lib/store/kv.ts";
import {
  migrate,
  STORE_MIGRATIONS,
  STORE_VERSION_KEY,
} from "@/lib/store/migrations.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { withKv } from "@/lib/store/testing.ts";
import { copyFixture, keyId, recordCommits, snapshot } from "./testing.ts";

const UP_TO_V2 = STORE_MIGRATIONS.slice(0, 2);
/** The steps up to this one: later steps have tests of their own. */
const UP_TO_V3 = STORE_MIGRATIONS.slice(0, 3);

/** Runs `fn` on a copy of the fixture brought to version 2. */
async function withV2Fixture(fn: (kv: Deno.Kv) => Promise<void>) {
  const copy = await copyFixture();
  const kv = await openKv(copy.path);
  try {
    assert.equal(await migrate(kv, UP_TO_V2), 2);
    await fn(kv);
  } finally {
    kv.close();
    await copy.dispose();
  }
}

/** Every key under `["production"]`, where settings lived up to version 2. */
async function oldSettingsKeys(kv: Deno.Kv): Promise<Deno.KvKey[]> {
  const entries = await Array.fromAsync(kv.list({ prefix: ["production"] }));
  return entries.map((e) => e.key);
}

Deno.test("v3 production register - the fixture's production joins the register with its old settings, in commits within the limits", () =>
  withV2Fixture(async (kv) => {
    const oldKey = ["production", PRODUCTION_ID, PRODUCTION_ID];
    const old = (await kv.get<Record<string, unknown>>(oldKey)).value;
    assert.ok(old, "version 2 keeps the settings inside the production");
    assert.equal(old.slug, undefined, "stored before slugs existed");
    const before = await snapshot(kv);

    const recorder = recordCommits(kv);
    assert.equal(await migrate(recorder.kv, UP_TO_V3), 3);

    // The register: the record as it was, with its id and a slug made from
    // its title, and the slug index naming it.
    const stored = await kv.get(["productions", PRODUCTION_ID]);
    assert.deepEqual(stored.value, {
      ...old,
      id: PRODUCTION_ID,
      slug: "northern-lights",
    });
    const slugIndex = await kv.get(["productions_by_slug", "northern-lights"]);
    assert.equal(slugIndex.value, PRODUCTION_ID);
    const production = await getProduction(productionKv(kv, PRODUCTION_ID));
    assert.deepEqual(production, {
      id: PRODUCTION_ID,
      version: old.version,
      createdAt: old.createdAt,
      updatedAt: old.updatedAt,
      title: "Northern Lights",
      slug: "northern-lights",
      kind: "feature",
      company: "Aurora Pictures",
      currency: "EUR",
      startDate: "2027-02-01",
      wrapDate: "2027-04-30",
      timeZone: "Europe/Oslo",
      departments: [...DEFAULT_DEPARTMENTS],
      shotCodePattern: DEFAULT_SHOT_CODE_PATTERN,
      // A setting added after version 3 reads as unset.
      vfxBudgetCategoryId: null,
      archived: false,
    });
    assert.deepEqual(
      await findProductionBySlug(kv, "northern-lights"),
      production,
    );

    // The old key is gone and nothing else changed: no key lost, none
    // added but the register's two, every other one untouched.
    assert.deepEqual(await oldSettingsKeys(kv), []);
    const after = await snapshot(kv);
    const added = [...after.keys()].filter((k) => !before.has(k)).sort();
    const removed = [...before.keys()].filter((k) => !after.has(k));
    assert.deepEqual(added, [
      keyId(["productions", PRODUCTION_ID]),
      keyId(["productions_by_slug", "northern-lights"]),
    ]);
    assert.deepEqual(removed, [keyId(oldKey)]);
    for (const [id, entry] of before) {
      if (id === keyId(oldKey) || id === keyId(STORE_VERSION_KEY)) continue;
      assert.equal(after.get(id)?.versionstamp, entry.versionstamp, id);
    }
    assert.equal(after.get(keyId(STORE_VERSION_KEY))?.value, 3);

    for (const commit of recorder.commits) {
      assert.ok(commit.checks <= COMMIT_LIMITS.checks, JSON.stringify(commit));
      assert.ok(commit.mutations <= COMMIT_LIMITS.mutations);
      assert.ok(commit.bytes <= COMMIT_LIMITS.bytes);
    }
    // The lease, the one production's move, the version.
    assert.equal(recorder.commits.length, 3);
  }));

Deno.test("v3 production register - a re-run changes nothing", () =>
  withV2Fixture(async (kv) => {
    await migrate(kv, UP_TO_V3);
    const before = await snapshot(kv);
    // The step again, as if the version had not been stored …
    const recorder = recordCommits(kv);
    await STORE_MIGRATIONS[2].run(recorder.kv, {
      scratch: ["store_migration", "scratch", 3],
      commit: (op) => op.commit(),
    });
    assert.deepEqual(recorder.commits, [], "not one commit");
    assert.deepEqual(await snapshot(kv), before);
    // … and another start.
    assert.equal(await migrate(kv, UP_TO_V3), 3);
    assert.deepEqual(await snapshot(kv), before);
  }));

Deno.test("v3 production register - several productions, and interruption at every commit", async () => {
  const record = (id: string, title: string, extra = {}) => ({
    id,
    version: 2,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-02-01T00:00:00.000Z",
    title,
    company: "Fjord Films",
    currency: "NOK",
    startDate: "2027-05-01",
    wrapDate: "2027-07-01",
    ...extra,
  });
  const old: [string, Record<string, unknown>][] = [
    // Stored before slugs: one is made from the title.
    [PRODUCTION_ID, record(PRODUCTION_ID, "Été à Ålesund: The Series")],
    // Saved since: its own slug stays. (Up to version 2 every production's
    // settings record had the one id, `current`; the register's is its own.)
    ["p2", record(PRODUCTION_ID, "Saltwater", { slug: "salt" })],
  ];
  const expected = {
    [PRODUCTION_ID]: "ete-a-alesund-the-series",
    p2: "salt",
  };
  let commits = Infinity;
  for (let failAt = 1; failAt <= commits; failAt++) {
    for (const afterWrite of [false, true]) {
      await withKv(async (kv) => {
        await kv.set(STORE_VERSION_KEY, 2);
        for (const [pid, value] of old) {
          await kv.set(["production", pid, PRODUCTION_ID], value);
        }
        const recorder = recordCommits(kv, { failAt, afterWrite });
        const ran = await migrate(recorder.kv, UP_TO_V3, {
          leaseMs: 50,
        }).then(() => true, () => false);
        if (ran) commits = Math.min(commits, failAt - 1);
        assert.equal(
          await migrate(kv, UP_TO_V3, { leaseMs: 50 }),
          3,
          `failAt ${failAt}`,
        );
        for (const [pid, value] of old) {
          const slug = expected[pid as keyof typeof expected];
          const stored = await kv.get(["productions", pid]);
          assert.deepEqual(stored.value, { ...value, id: pid, slug });
          const index = await kv.get(["productions_by_slug", slug]);
          assert.equal(index.value, pid);
        }
        assert.deepEqual(await oldSettingsKeys(kv), []);
        const keys = (await snapshot(kv)).size;
        assert.equal(keys, 5, "the version, two records, two slugs");
      });
    }
  }
  // The lease, one move per production, the version: every one was a
  // failure point.
  assert.equal(commits, 4);
});

Deno.test("v3 register - a store with members but no settings gets a production its members can reach", async () => {
  await withKv(async (kv) => {
    // A production-mode store from before: never seeded, so no settings.
    await kv.set(["store_version"], 2);
    await kv.set(["members", PRODUCTION_ID, "u1"], {
      id: "u1",
      version: 1,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      role: "producer",
    });
    await kv.set(["productions_by_slug", "production"], "someone-else");
    assert.equal(await migrate(kv, UP_TO_V3), 3);
    const registered = await productions.get(kv, PRODUCTION_ID);
    assert.equal(registered?.title, "Our production");
    assert.equal(registered?.slug, "production-2", "a free slug");
    assert.equal(
      (await kv.get(["productions_by_slug", "production-2"])).value,
      PRODUCTION_ID,
    );
    const view = productionKv(kv, PRODUCTION_ID);
    assert.equal((await getProduction(view))?.id, PRODUCTION_ID);
  });
});

Deno.test("v3 register - the settings' change history moves with them", async () => {
  await withKv(async (kv) => {
    await kv.set(["store_version"], 2);
    await kv.set(["production", PRODUCTION_ID, PRODUCTION_ID], {
      id: PRODUCTION_ID,
      version: 2,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-02T00:00:00.000Z",
      title: "Northern Lights",
      company: "",
      currency: "EUR",
      startDate: "2027-02-01",
      wrapDate: "2027-04-30",
    });
    const entry = { version: 2, changes: [{ field: "company" }] };
    await kv.set(
      ["history", PRODUCTION_ID, "production", PRODUCTION_ID, 2],
      entry,
    );
    assert.equal(await migrate(kv, UP_TO_V3), 3);
    assert.deepEqual(
      (await kv.get([
        "history",
        PRODUCTION_ID,
        "productions",
        PRODUCTION_ID,
        2,
      ]))
        .value,
      entry,
    );
    const [old] = await Array.fromAsync(
      kv.list({ prefix: ["history", PRODUCTION_ID, "production"] }),
    );
    assert.equal(old, undefined);
  });
});

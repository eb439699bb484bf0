import assert from "node:assert/strict";
import { productionKv, productionOf, studioKv } from "./production_kv.ts";
import { withKv } from "./testing.ts";

async function keys(kv: Deno.Kv): Promise<Deno.KvKey[]> {
  const out: Deno.KvKey[] = [];
  for await (const entry of kv.list({ prefix: [] })) out.push(entry.key);
  return out;
}

Deno.test("production kv - production keys gain the production id second; studio keys stay", () =>
  withKv(async (kv) => {
    const a = productionKv(kv, "pa");
    await a.set(["tasks", "t1"], { title: "A" });
    await a.set(["tasks_by_assignee", "u1", "t1"], "t1");
    await a.set(["events_head"], 3);
    await a.set(["users", "u1"], { name: "Ada" });
    assert.deepEqual(await keys(kv), [
      ["events_head", "pa"],
      ["tasks", "pa", "t1"],
      ["tasks_by_assignee", "pa", "u1", "t1"],
      ["users", "u1"],
    ]);
    const entry = await a.get(["tasks", "t1"]);
    assert.deepEqual(entry.key, ["tasks", "t1"], "keys read back unscoped");
    assert.deepEqual(entry.value, { title: "A" });
  }));

Deno.test("production kv - sign-in, the register of productions, the deployment's own keys and the seed are the studio's; presence, history and module markers the production's", () =>
  withKv(async (kv) => {
    const a = productionKv(kv, "pa");
    const studio: Deno.KvKey[] = [
      ["users", "u1"],
      ["users_by_username", "ada"],
      ["productions", "pa"],
      ["productions_by_slug", "northern-lights"],
      ["memberships_by_account", "u1", "pa"],
      ["config", "jwt_secret"],
      ["refresh_tokens", "h"],
      ["refresh_families", "f"],
      ["revoked_jti", "j"],
      ["rate_limit", "login_failures_user", "ada", 1],
      ["bus", "uploads"],
      ["bus", "presence"],
      ["bus", "log_moved"],
      ["startup_notice"],
      ["seeded"],
      ["store_version"],
      ["store_migration", "lease"],
    ];
    const production: Deno.KvKey[] = [
      ["members", "u1"],
      // Each instance's presence list and socket statistics, per production.
      ["presence", "instance"],
      ["hub_stats", "instance"],
      // Where settings lived up to store version 2.
      ["production", "current"],
      ["history", "tasks", "t1", 1],
      ["history_purge", "tasks", "t1"],
      ["migrations", "announcements_indexes_v1"],
      ["budget_migrations", "expense_sort_indexes"],
      ["budget_seeded"],
      ["announcement_dismissals", "u1", "n1"],
      ["asset_uploads", "up1"],
      ["script_imports", "i1"],
    ];
    for (const key of [...studio, ...production]) await a.set(key, 1);
    const stored = new Set((await keys(kv)).map((k) => JSON.stringify(k)));
    for (const key of studio) assert.ok(stored.has(JSON.stringify(key)));
    for (const [head, ...rest] of production) {
      assert.ok(
        stored.has(JSON.stringify([head, "pa", ...rest])),
        String(head),
      );
    }
  }));

Deno.test("production kv - nothing crosses: reads, lists and deletes see one production", () =>
  withKv(async (kv) => {
    const a = productionKv(kv, "pa");
    const b = productionKv(kv, "pb");
    await a.set(["tasks", "t1"], "a1");
    await a.set(["tasks", "t2"], "a2");
    await b.set(["tasks", "t1"], "b1");
    assert.equal((await b.get(["tasks", "t2"])).value, null);
    const listed = [];
    for await (const e of b.list({ prefix: ["tasks"] })) listed.push(e);
    assert.deepEqual(listed.map((e) => [e.key, e.value]), [
      [["tasks", "t1"], "b1"],
    ]);
    await b.delete(["tasks", "t1"]);
    assert.equal((await a.get(["tasks", "t1"])).value, "a1");
    const many = await a.getMany([["tasks", "t1"], ["tasks", "t2"]]);
    assert.deepEqual(many.map((e) => e.value), ["a1", "a2"]);
    assert.deepEqual(many[1].key, ["tasks", "t2"]);
  }));

Deno.test("production kv - ranges and cursors stay within the production", () =>
  withKv(async (kv) => {
    const a = productionKv(kv, "pa");
    const b = productionKv(kv, "pb");
    for (const id of ["1", "2", "3", "4"]) {
      await a.set(["events", id], `a${id}`);
      await b.set(["events", id], `b${id}`);
    }
    const range = [];
    for await (
      const e of a.list({ start: ["events", "2"], end: ["events", "\uffff"] })
    ) range.push(e.value);
    assert.deepEqual(range, ["a2", "a3", "a4"]);
    const first = a.list({ prefix: ["events"] }, { limit: 2 });
    const page = [];
    for await (const e of first) page.push(e.value);
    const rest = [];
    for await (
      const e of a.list({ prefix: ["events"] }, { cursor: first.cursor })
    ) rest.push(e.value);
    assert.deepEqual([page, rest], [["a1", "a2"], ["a3", "a4"]]);
  }));

Deno.test("production kv - an atomic commit checks and writes the production's keys", () =>
  withKv(async (kv) => {
    const a = productionKv(kv, "pa");
    const b = productionKv(kv, "pb");
    const empty = await a.get(["counter"]);
    await b.set(["counter"], new Deno.KvU64(5n));
    const ok = await a.atomic()
      .check({ key: ["counter"], versionstamp: empty.versionstamp })
      .sum(["counter"], 1n)
      .set(["tasks", "t1"], "a1")
      .commit();
    assert.equal(ok.ok, true, "b's counter does not fail a's check");
    assert.equal((await a.get<Deno.KvU64>(["counter"])).value?.value, 1n);
    assert.equal((await b.get<Deno.KvU64>(["counter"])).value?.value, 5n);
    const stale = await a.atomic()
      .check({ key: ["counter"], versionstamp: empty.versionstamp })
      .delete(["tasks", "t1"])
      .commit();
    assert.equal(stale.ok, false);
    assert.equal((await a.get(["tasks", "t1"])).value, "a1");
  }));

Deno.test("production kv - a watch sees the production's key, unscoped", () =>
  withKv(async (kv) => {
    const a = productionKv(kv, "pa");
    const stream = a.watch([["events_head"]]);
    const reader = stream.getReader();
    const first = await reader.read();
    assert.deepEqual(first.value?.[0].key, ["events_head"]);
    assert.equal(first.value?.[0].value, null);
    await productionKv(kv, "pb").set(["events_head"], 9);
    await a.set(["events_head"], 1);
    let seen = await reader.read();
    // Another production's write may or may not wake the watch; it never
    // shows its value.
    while (seen.value?.[0].value === null) seen = await reader.read();
    assert.equal(seen.value?.[0].value, 1);
    await reader.cancel();
  }));

Deno.test("production kv - one view per production; the store and id are known", () =>
  withKv((kv) => {
    const a = productionKv(kv, "pa");
    assert.equal(productionKv(kv, "pa"), a);
    assert.notEqual(productionKv(kv, "pb"), a);
    assert.equal(studioKv(a), kv);
    assert.equal(studioKv(kv), kv);
    assert.equal(productionOf(a), "pa");
    assert.equal(productionOf(kv), null);
    assert.throws(() => productionKv(a, "pb"), TypeError);
    assert.throws(() => a.list({ prefix: [] }), TypeError);
    return Promise.resolve();
  }));

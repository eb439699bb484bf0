import assert from "node:assert/strict";
import {
  NotFoundError,
  UniqueViolationError,
  ValueTooLargeError,
  VersionConflictError,
} from "./errors.ts";
import { readEventsAfter } from "./event_log.ts";
import { notes } from "./test_records.ts";
import { transact } from "./transaction.ts";
import { withKv } from "./testing.ts";

const note = (slug: string, owner = "u1") => ({
  title: `Note ${slug}`,
  owner,
  slug,
  count: 0,
  body: "",
});

Deno.test("Repository - insert sets id, version 1 and timestamps", () =>
  withKv(async (kv) => {
    const { result } = await transact(kv, (tx) => notes.insert(tx, note("a")));
    assert.match(result.id, /^[0-9a-f-]{36}$/);
    assert.equal(result.version, 1);
    assert.equal(result.createdAt, result.updatedAt);
    assert.deepEqual(await notes.get(kv, result.id), result);
  }));

Deno.test("Repository - update bumps the version and keeps createdAt", () =>
  withKv(async (kv) => {
    const { result: a } = await transact(
      kv,
      (tx) => notes.insert(tx, note("a")),
    );
    const { result } = await transact(
      kv,
      (tx) =>
        notes.update(tx, a.id, () => ({ title: "Renamed" }), {
          now: new Date(Date.now() + 1000),
        }),
    );
    assert.equal(result.after.version, 2);
    assert.equal(result.after.title, "Renamed");
    assert.equal(result.after.createdAt, a.createdAt);
    assert.notEqual(result.after.updatedAt, a.updatedAt);
    assert.equal(result.before.version, 1);
  }));

Deno.test("Repository - records are parsed by the schema on write", () =>
  withKv(async (kv) => {
    await assert.rejects(
      transact(kv, (tx) => notes.insert(tx, { ...note("a"), title: "" })),
      (e: Error) => e.name === "ZodError",
    );
    assert.deepEqual(await notes.list(kv), []);
  }));

Deno.test("Repository - records are parsed by the schema on read", () =>
  withKv(async (kv) => {
    await kv.set(["notes", "bad"], { id: "bad", title: 42 });
    await assert.rejects(
      notes.get(kv, "bad"),
      (e: Error) => e.name === "ZodError",
    );
  }));

Deno.test("Repository - stale If-Match version is a conflict carrying the current record", () =>
  withKv(async (kv) => {
    const { result: a } = await transact(
      kv,
      (tx) => notes.insert(tx, note("a")),
    );
    await transact(
      kv,
      (tx) => notes.update(tx, a.id, () => ({ count: 1 }), { ifVersion: 1 }),
    );
    const error = await transact(
      kv,
      (tx) => notes.update(tx, a.id, () => ({ count: 99 }), { ifVersion: 1 }),
    ).then(
      () => null,
      (e) => e,
    );
    assert.ok(error instanceof VersionConflictError);
    assert.equal((error.current as { version: number }).version, 2);
    assert.equal((await notes.require(kv, a.id)).count, 1);
  }));

Deno.test("Repository - two writers with the same version: exactly one wins", () =>
  withKv(async (kv) => {
    const { result: a } = await transact(
      kv,
      (tx) => notes.insert(tx, note("a")),
    );
    const attempts = await Promise.allSettled(
      [1, 2].map((n) =>
        transact(
          kv,
          (tx) =>
            notes.update(tx, a.id, () => ({ count: n }), { ifVersion: 1 }),
        )
      ),
    );
    const won = attempts.filter((r) => r.status === "fulfilled");
    const lost = attempts.filter((r) => r.status === "rejected");
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(
      (lost[0] as PromiseRejectedResult).reason instanceof VersionConflictError,
    );
    assert.equal((await notes.require(kv, a.id)).version, 2);
  }));

Deno.test("Repository - 100 concurrent increments lose no update", () =>
  withKv(async (kv) => {
    const { result: a } = await transact(
      kv,
      (tx) => notes.insert(tx, note("a")),
    );
    await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          transact(kv, (tx) =>
            notes.update(
              tx,
              a.id,
              (current) => ({ count: current.count + 1 }),
            )),
      ),
    );
    const final = await notes.require(kv, a.id);
    assert.equal(final.count, 100);
    assert.equal(final.version, 101);
  }));

Deno.test("Repository - unique index refuses a taken value, atomically", () =>
  withKv(async (kv) => {
    await transact(kv, (tx) => notes.insert(tx, note("same")));
    await assert.rejects(
      transact(kv, (tx) => notes.insert(tx, note("same", "u2"))),
      UniqueViolationError,
    );
    const all = await notes.list(kv);
    assert.equal(all.length, 1);
  }));

Deno.test("Repository - concurrent inserts of one unique value: one wins", () =>
  withKv(async (kv) => {
    const results = await Promise.allSettled(
      Array.from(
        { length: 10 },
        (_, i) => transact(kv, (tx) => notes.insert(tx, note("race", `u${i}`))),
      ),
    );
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    assert.equal((await notes.list(kv)).length, 1);
  }));

Deno.test("Repository - indexes follow updates and deletes", () =>
  withKv(async (kv) => {
    const { result: a } = await transact(
      kv,
      (tx) => notes.insert(tx, note("a")),
    );
    await transact(kv, (tx) => notes.insert(tx, note("b")));
    assert.equal((await notes.findBy(kv, "owner", "u1")).length, 2);
    await transact(
      kv,
      (tx) => notes.update(tx, a.id, () => ({ owner: "u2", slug: "a2" })),
    );
    assert.deepEqual(
      (await notes.findBy(kv, "owner", "u2")).map((n) => n.slug),
      ["a2"],
    );
    assert.equal((await notes.findBy(kv, "slug", "a")).length, 0);
    assert.equal((await notes.findBy(kv, "slug", "a2"))[0].id, a.id);
    await transact(kv, (tx) => notes.remove(tx, a.id));
    assert.equal((await notes.findBy(kv, "owner", "u2")).length, 0);
    assert.equal((await notes.findBy(kv, "slug", "a2")).length, 0);
    // The freed slug can be taken again.
    await transact(kv, (tx) => notes.insert(tx, note("a2")));
  }));

Deno.test("Repository - missing record is NotFoundError", () =>
  withKv(async (kv) => {
    await assert.rejects(
      transact(kv, (tx) => notes.update(tx, "nope", () => ({}))),
      NotFoundError,
    );
  }));

Deno.test("Repository - a record over the KV limit is refused, nothing written", () =>
  withKv(async (kv) => {
    await assert.rejects(
      transact(kv, async (tx) => {
        const created = await notes.insert(tx, {
          ...note("big"),
          body: "x".repeat(70_000),
        });
        tx.emit({
          type: "task_update",
          audience: { roles: [], users: [] },
          data: created,
        });
      }),
      ValueTooLargeError,
    );
    assert.deepEqual(await notes.list(kv), []);
    const page = await readEventsAfter(kv, "0000000000000000");
    assert.deepEqual(page, { resync: false, events: [], more: false });
  }));

Deno.test("Repository - hasAny and count, over the collection or an index", () =>
  withKv(async (kv) => {
    assert.equal(await notes.hasAny(kv), false);
    assert.equal(await notes.count(kv), 0);
    await transact(kv, async (tx) => {
      await notes.insert(tx, note("a", "x"));
      await notes.insert(tx, note("b", "x"));
      await notes.insert(tx, note("c", "y"));
    });
    assert.equal(await notes.hasAny(kv), true);
    assert.equal(await notes.count(kv), 3);
    assert.equal(await notes.count(kv, "owner", "x"), 2);
    assert.equal(await notes.hasAny(kv, "owner", "z"), false);
    assert.equal(await notes.hasAny(kv, "slug", "b"), true);
  }));

import assert from "node:assert/strict";
import { NotFoundError } from "./errors.ts";
import { notes } from "./test_records.ts";
import { transact } from "./transaction.ts";
import { withKv } from "./testing.ts";

// KV refuses keys over 2 KiB ("Key too large for read"); an id that long
// cannot exist, so reading it must be "not found", never a store error.
const HUGE = "x".repeat(3000);

Deno.test("Repository - an over-long id reads as not found", () =>
  withKv(async (kv) => {
    assert.equal(await notes.get(kv, HUGE), null);
    assert.equal(await notes.get(kv, "é".repeat(1000)), null);
    await assert.rejects(notes.require(kv, HUGE), NotFoundError);
    await assert.rejects(
      transact(kv, (tx) => notes.update(tx, HUGE, () => ({ title: "x" }))),
      NotFoundError,
    );
    await assert.rejects(
      transact(kv, (tx) => notes.remove(tx, HUGE)),
      NotFoundError,
    );
  }));

Deno.test("Repository - an index lookup by an over-long value finds nothing", () =>
  withKv(async (kv) => {
    assert.deepEqual(await notes.findBy(kv, "owner", HUGE), []);
    assert.deepEqual(await notes.findBy(kv, "slug", "é".repeat(1000)), []);
    // Up to the limit it is an ordinary lookup.
    assert.deepEqual(await notes.findBy(kv, "owner", "x".repeat(1000)), []);
  }));

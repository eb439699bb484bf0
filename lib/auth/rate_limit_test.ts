import assert from "node:assert/strict";
import { check, consume, record } from "./rate_limit.ts";
import { openKv } from "@/lib/store/kv.ts";

Deno.test("consume - allows max hits per window, then says when to retry", async () => {
  const kv = await openKv(":memory:");
  try {
    const limit = { max: 3, windowMs: 60_000 };
    const start = 1_000_000 * 60_000 + 15_000;
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await consume(kv, ["k"], limit, start), { ok: true });
    }
    assert.deepEqual(await consume(kv, ["k"], limit, start), {
      ok: false,
      retryAfterSeconds: 45,
    });
    // Other keys and the next window are independent.
    assert.deepEqual(await consume(kv, ["other"], limit, start), { ok: true });
    assert.deepEqual(await consume(kv, ["k"], limit, start + 45_000), {
      ok: true,
    });
  } finally {
    kv.close();
  }
});

Deno.test("consume - concurrent hits are counted exactly", async () => {
  const kv = await openKv(":memory:");
  try {
    const limit = { max: 10, windowMs: 60_000 };
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => consume(kv, ["burst"], limit, now)),
    );
    assert.equal(results.filter((r) => r.ok).length, 10);
  } finally {
    kv.close();
  }
});

Deno.test("check/record - only recorded hits count; check never spends", async () => {
  const kv = await openKv(":memory:");
  try {
    const limit = { max: 2, windowMs: 60_000 };
    const start = 1_000_000 * 60_000 + 20_000;
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await check(kv, ["k"], limit, start), { ok: true });
    }
    await record(kv, [[["k"], limit], [["j"], limit]], start);
    assert.deepEqual(await check(kv, ["k"], limit, start), { ok: true });
    await record(kv, [[["k"], limit]], start);
    assert.deepEqual(await check(kv, ["k"], limit, start), {
      ok: false,
      retryAfterSeconds: 40,
    });
    assert.deepEqual(await check(kv, ["j"], limit, start), { ok: true });
    assert.deepEqual(await check(kv, ["k"], limit, start + 40_000), {
      ok: true,
    });
  } finally {
    kv.close();
  }
});

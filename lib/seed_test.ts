import assert from "node:assert/strict";
import { DEMO_USERS, seedDemo, seedSettled } from "./seed.ts";
import { users } from "./team/users.ts";
import { withDeadline } from "./deadline.ts";

Deno.test("seedSettled - a starter that lost the seed waits until the demo users exist", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    // Two starters at once, as two workers: each seeds or waits, then
    // counts the demo users it could sign in.
    const start = async () => {
      const seeded = await seedDemo(kv, { passwordIterations: 1000 });
      await withDeadline(seedSettled(kv, 5), 30_000, "the seed to settle");
      return { seeded, users: (await users.list(kv)).length };
    };
    const starters = await Promise.all([start(), start()]);
    assert.deepEqual(
      starters.map((s) => s.seeded).sort(),
      [false, true],
      "exactly one seeded",
    );
    for (const starter of starters) {
      assert.equal(starter.users, DEMO_USERS.length);
    }
  } finally {
    kv.close();
  }
});

Deno.test("seedSettled - returns at once when nobody holds the seed", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    await withDeadline(seedSettled(kv), 1_000, "an empty store");
    await seedDemo(kv, { passwordIterations: 1000, moduleData: false });
    await withDeadline(seedSettled(kv), 1_000, "a seeded store");
  } finally {
    kv.close();
  }
});

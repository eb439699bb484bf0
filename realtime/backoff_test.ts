import assert from "node:assert/strict";
import { backoffDelay, DEFAULT_BACKOFF } from "./backoff.ts";

Deno.test("backoffDelay - the ceiling doubles from 0.5 s and stops at 20 s", () => {
  const top = { ...DEFAULT_BACKOFF, random: () => 0.999999 };
  const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffDelay(n, top));
  assert.deepEqual(ceilings, [
    499,
    999,
    1999,
    3999,
    7999,
    15999,
    19999,
    19999,
    19999,
  ]);
});

Deno.test("backoffDelay - full jitter: anywhere from 0 to the ceiling", () => {
  assert.equal(backoffDelay(4, { ...DEFAULT_BACKOFF, random: () => 0 }), 0);
  assert.equal(
    backoffDelay(4, { ...DEFAULT_BACKOFF, random: () => 0.5 }),
    2000,
  );
});

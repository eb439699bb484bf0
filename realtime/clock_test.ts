import assert from "node:assert/strict";
import { ManualClock } from "./clock.ts";

Deno.test("ManualClock - runs due timers in time order, intervals repeatedly", () => {
  const clock = new ManualClock(1_000);
  const ran: string[] = [];
  clock.setTimeout(() => ran.push(`b@${clock.now()}`), 200);
  clock.setTimeout(() => ran.push(`a@${clock.now()}`), 100);
  const every = clock.setInterval(() => ran.push(`i@${clock.now()}`), 150);
  clock.tick(99);
  assert.deepEqual(ran, []);
  clock.tick(201);
  assert.deepEqual(ran, ["a@1100", "i@1150", "b@1200", "i@1300"]);
  assert.equal(clock.now(), 1_300);
  clock.clear(every);
  clock.tick(1_000);
  assert.equal(ran.length, 4);
  assert.equal(clock.pending, 0);
});

Deno.test("ManualClock - a timer set by a timer runs when due in the same step", () => {
  const clock = new ManualClock(0);
  const ran: number[] = [];
  clock.setTimeout(() => {
    ran.push(clock.now());
    clock.setTimeout(() => ran.push(clock.now()), 0);
  }, 10);
  clock.tick(10);
  assert.deepEqual(ran, [10, 10]);
});

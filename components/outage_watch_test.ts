import assert from "node:assert/strict";
import { OutageWatch, type Timers } from "./outage_watch.ts";

/** Timers run by hand: `fire()` runs what is pending, as if time passed. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    set(fn, ms) {
      pending.set(next, { fn, ms });
      return next++;
    },
    clear(id) {
      pending.delete(id as number);
    },
  };
  const fire = () => {
    const due = [...pending.entries()];
    pending.clear();
    for (const [, t] of due) t.fn();
  };
  return { timers, pending, fire };
}

function watch() {
  const changes: boolean[] = [];
  const clock = manualTimers();
  const w = new OutageWatch((down) => changes.push(down), 3_000, clock.timers);
  return { w, changes, clock };
}

Deno.test("OutageWatch - a blip back online within the grace period never shows", () => {
  const { w, changes, clock } = watch();
  w.update("connecting");
  w.update("online");
  w.update("reconnecting");
  assert.deepEqual([...clock.pending.values()].map((t) => t.ms), [3_000]);
  w.update("online");
  assert.equal(clock.pending.size, 0);
  clock.fire();
  assert.deepEqual(changes, []);
  assert.equal(w.down, false);
});

Deno.test("OutageWatch - down past the grace period shows once; back online hides", () => {
  const { w, changes, clock } = watch();
  w.update("reconnecting");
  // Retries of the same outage do not restart the clock.
  w.update("catching-up");
  w.update("reconnecting");
  w.update("offline");
  assert.equal(clock.pending.size, 1);
  clock.fire();
  assert.deepEqual(changes, [true]);
  assert.equal(w.down, true);
  w.update("reconnecting");
  assert.equal(clock.pending.size, 0);
  w.update("online");
  assert.deepEqual(changes, [true, false]);
  // A new outage starts a new clock.
  w.update("reconnecting");
  assert.equal(clock.pending.size, 1);
  w.dispose();
  assert.equal(clock.pending.size, 0);
});

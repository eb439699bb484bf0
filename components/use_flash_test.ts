import assert from "node:assert/strict";
import { signal } from "@preact/signals";
import { Flasher } from "./use_flash.ts";
import type { Timers } from "./outage_watch.ts";

/** Timers run by hand: `fire(ms)` runs the ones set for that duration. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    set: (fn, ms) => {
      pending.set(++next, { fn, ms });
      return next;
    },
    clear: (id) => pending.delete(id as number),
  };
  const fire = (ms: number) => {
    for (const [id, t] of [...pending]) {
      if (t.ms !== ms) continue;
      pending.delete(id);
      t.fn();
    }
  };
  return { timers, pending, fire };
}

Deno.test("Flasher: ids flash for their time, then leave the set", () => {
  const set = signal<ReadonlySet<string>>(new Set());
  const { timers, fire } = manualTimers();
  const flasher = new Flasher(set, 1_200, timers);
  flasher.flash("a", "b");
  flasher.flashFor(4_000, "c");
  assert.deepEqual([...set.value], ["a", "b", "c"]);
  fire(1_200);
  assert.deepEqual([...set.value], ["c"]);
  fire(4_000);
  assert.deepEqual([...set.value], []);
});

Deno.test("Flasher: flash() with no ids sets no timer", () => {
  const set = signal<ReadonlySet<string>>(new Set());
  const { timers, pending } = manualTimers();
  new Flasher(set, 1_000, timers).flash();
  assert.equal(pending.size, 0);
  assert.equal(set.value.size, 0);
});

Deno.test("Flasher: dispose() clears every pending timer", () => {
  const set = signal<ReadonlySet<number>>(new Set());
  const { timers, pending } = manualTimers();
  const flasher = new Flasher(set, 500, timers);
  flasher.flash(1);
  flasher.flash(2);
  assert.equal(pending.size, 2);
  flasher.dispose();
  assert.equal(pending.size, 0);
});

import assert from "node:assert/strict";
import { ManualClock } from "./clock.ts";
import { TypingGate, type TypingGateOptions } from "./typing.ts";

const WINDOW = 80;

/** A gate whose relays and refusals are recorded with their time. */
function rig(options: Partial<TypingGateOptions> = {}) {
  const relayed: { target: string; active: boolean; at: number }[] = [];
  const refused: { target: string; code: string }[] = [];
  // Time moves only when a test ticks it: no test waits on real time.
  const clock = new ManualClock(0);
  const gate = new TypingGate({
    windowMs: WINDOW,
    clock,
    check: (target) => Promise.resolve(!target.includes("secret")),
    relay: (target, active) => {
      relayed.push({ target, active, at: clock.now() });
    },
    refuse: (target, code) => refused.push({ target, code }),
    ...options,
  });
  /** Moves time to the end of the current window and beyond: `count` relays must have happened. */
  const relays = (count: number) => {
    for (let t = 0; t < 100 && relayed.length < count; t++) clock.tick(WINDOW);
    assert.ok(relayed.length >= count, `${relayed.length} of ${count} relays`);
  };
  /** Lets pending admission checks finish. */
  const checks = () => new Promise((r) => setTimeout(r, 0));
  return { gate, clock, relayed, refused, relays, checks };
}

Deno.test("TypingGate - alternating true/false relays one frame per window, ending on the last state", async () => {
  const { gate, clock, relayed, checks } = rig();
  try {
    const start = clock.now();
    gate.offer("task:a", true);
    await checks();
    // Four windows of a client flipping every 5 ms, ending on "stopped".
    let active = true;
    while (clock.now() - start < WINDOW * 4) {
      active = !active;
      gate.offer("task:a", active);
      clock.tick(5);
    }
    gate.offer("task:a", false);
    const elapsed = clock.now() - start;
    // Whatever was pending is sent at the end of its window; once the
    // stop is out, nothing else can be (the client's last word was "stop").
    clock.tick(WINDOW);
    assert.equal(relayed.at(-1)?.active, false, "the stop is relayed");
    const count = relayed.length;
    clock.tick(WINDOW * 4);
    assert.equal(relayed.length, count, "nothing after the stop");
    // One frame per window, plus the trailing one after the last window.
    assert.ok(
      relayed.length <= Math.floor(elapsed / WINDOW) + 2,
      `${relayed.length} frames in ${Math.round(elapsed)} ms`,
    );
    for (let i = 1; i < relayed.length; i++) {
      // Timers never fire early; allow a millisecond of clock rounding.
      assert.ok(relayed[i].at - relayed[i - 1].at >= WINDOW - 1, `gap ${i}`);
    }
    assert.equal(relayed[0].active, true);
  } finally {
    gate.close();
  }
});

Deno.test("TypingGate - a stop right after the start is relayed at the window's end", async () => {
  const { gate, relayed, relays, checks } = rig();
  try {
    gate.offer("scene:1", true);
    await checks();
    gate.offer("scene:1", true); // a keep-alive inside the window: dropped
    gate.offer("scene:1", false);
    relays(2);
    assert.deepEqual(relayed.map((r) => r.active), [true, false]);
    assert.ok(relayed[1].at - relayed[0].at >= WINDOW - 1);
  } finally {
    gate.close();
  }
});

Deno.test("TypingGate - a stop with nothing shown relays nothing and keeps no state", async () => {
  const { gate, relayed, checks } = rig();
  try {
    for (let i = 0; i < 50; i++) gate.offer(`task:${i}`, false);
    await checks();
    assert.equal(relayed.length, 0);
    assert.equal(gate.size, 0);
  } finally {
    gate.close();
  }
});

Deno.test("TypingGate - refused targets relay nothing and take no room", async () => {
  const { gate, relayed, refused, checks } = rig();
  try {
    for (let i = 0; i < 30; i++) {
      gate.offer(`task:secret-${i}`, true);
      await checks();
    }
    assert.equal(relayed.length, 0);
    assert.equal(refused.length, 30);
    assert.ok(refused.every((r) => r.code === "forbidden"));
    assert.equal(gate.size, 0);
    // Targets count while their check runs: a burst cannot outrun the cap.
    for (let i = 0; i < 30; i++) gate.offer(`task:secret-${i}`, true);
    assert.equal(gate.size, 20);
    assert.equal(refused.length, 40);
    await checks();
    assert.equal(gate.size, 0);
    assert.equal(relayed.length, 0);
    // A failing check is a refusal too.
    const failing = rig({ check: () => Promise.reject(new Error("kv down")) });
    failing.gate.offer("task:x", true);
    await failing.checks();
    assert.deepEqual(failing.refused, [{
      target: "task:x",
      code: "forbidden",
    }]);
    failing.gate.close();
  } finally {
    gate.close();
  }
});

Deno.test("TypingGate - distinct targets are capped; room comes back once they went quiet", async () => {
  const { gate, clock, relayed, refused, relays, checks } = rig({
    maxTargets: 20,
  });
  try {
    for (let i = 0; i < 25; i++) gate.offer(`task:${i}`, true);
    await checks();
    assert.equal(gate.size, 20);
    assert.equal(relayed.length, 20);
    assert.deepEqual(
      refused.map((r) => r.code),
      Array(5).fill("too_many_targets"),
    );
    // Stopping does not free a slot inside the window: forgetting a target
    // must never let its next frame through early.
    for (let i = 0; i < 20; i++) gate.offer(`task:${i}`, false);
    gate.offer("task:new", true);
    assert.equal(refused.length, 6);
    relays(40);
    assert.equal(relayed.filter((r) => !r.active).length, 20);
    clock.tick(WINDOW + 10);
    gate.offer("task:new", true);
    await checks();
    assert.equal(refused.length, 6);
    assert.equal(relayed.at(-1)!.target, "task:new");
  } finally {
    gate.close();
  }
});

Deno.test("TypingGate - close() cancels a pending trailing send", async () => {
  const { gate, clock, relayed, checks } = rig();
  gate.offer("task:a", true);
  await checks();
  gate.offer("task:a", false);
  gate.close();
  clock.tick(WINDOW + 20);
  assert.deepEqual(relayed.map((r) => r.active), [true]);
  gate.offer("task:b", true);
  await checks();
  assert.equal(relayed.length, 1);
});

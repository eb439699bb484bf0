import assert from "node:assert/strict";
import { ADVERSARIAL } from "./adversarial.ts";
import { parseFountain } from "./mod.ts";
import { Pacer } from "./pacer.ts";
import { parseWith } from "./parser.ts";
import { SAMPLE_SCREENPLAY } from "./sample.ts";
import { generateScript } from "./testing.ts";

const MiB = 1024 * 1024;

/**
 * Runs `work` while a 1 ms timer keeps re-arming itself, and reports the
 * longest gap between two firings (or up to the end): the longest time
 * the event loop was blocked, which is how long any other request would
 * have waited.
 */
async function worstStall(work: () => Promise<unknown>) {
  let last = performance.now();
  let worst = 0;
  let running = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    if (running) timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  const start = performance.now();
  try {
    await work();
  } finally {
    running = false;
    clearTimeout(timer);
  }
  const end = performance.now();
  return { worstMs: Math.max(worst, end - last), parseMs: end - start };
}

Deno.test("pacer: due() reads the clock once per 64 units of weight", async () => {
  const pacer = new Pacer(0); // every clock read finds the slice used up
  const dueAt: number[] = [];
  for (let i = 1; i <= 200; i++) if (pacer.due()) dueAt.push(i);
  assert.deepEqual(dueAt, [64, 128, 192]);
  assert.equal(pacer.due(64), true); // one heavy piece of work
  await pacer.pause();
  assert.equal(pacer.pauses, 1);
  assert.equal(new Pacer(60_000).due(64), false);
});

Deno.test("pacer: pause() lets waiting timers run first", async () => {
  const order: string[] = [];
  const timer = setTimeout(() => order.push("timer"), 0);
  await new Pacer().pause();
  order.push("parse goes on");
  clearTimeout(timer);
  assert.deepEqual(order, ["timer", "parse goes on"]);
});

/**
 * Pauses at every clock check (every 64 lines or elements), with a
 * microtask instead of a timer so that the test stays quick: what is
 * checked is that the parse resumes where it was, not the event loop.
 */
class EveryCheck extends Pacer {
  count = 0;

  constructor() {
    super(0);
  }

  override async pause(): Promise<void> {
    this.count++;
    await null;
  }
}

Deno.test("pacing changes nothing: a parse that yields every 64 lines gives the same result", async () => {
  const inputs = [
    SAMPLE_SCREENPLAY,
    SAMPLE_SCREENPLAY.replaceAll("\n", "\r\n"),
    generateScript(200_000).text,
    ...ADVERSARIAL.map((a) => a.make(64 * 1024)),
  ];
  let pauses = 0;
  for (const text of inputs) {
    const pacer = new EveryCheck();
    assert.deepEqual(
      await parseWith(text, {}, pacer),
      await parseFountain(text),
    );
    pauses += pacer.count;
  }
  assert.ok(pauses > 1000, `only ${pauses} pauses`);
});

Deno.test("a 2 MiB parse never blocks the event loop for long", async () => {
  // The old parser blocked for its whole length: 2 s for the first
  // input, 0.6 s for the second on an idle machine. Now the longest
  // block is one slice or one long line; on a busy machine the bound
  // grows with the parse, which slows down as a whole.
  const inputs = {
    "2 MiB of blank lines": ADVERSARIAL.find((a) =>
      a.name === "blank lines: \\n run"
    )!.make(2 * MiB),
    "a 2 MiB screenplay": generateScript(2 * MiB - 1000).text,
  };
  for (const [name, text] of Object.entries(inputs)) {
    const { worstMs, parseMs } = await worstStall(() => parseFountain(text));
    const bound = Math.max(250, parseMs / 5);
    assert.ok(
      worstMs < bound,
      `${name}: blocked ${worstMs.toFixed(0)} ms of a ${
        parseMs.toFixed(0)
      } ms parse (bound ${bound.toFixed(0)} ms)`,
    );
  }
});

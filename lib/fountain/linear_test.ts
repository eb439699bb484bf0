import assert from "node:assert/strict";
import process from "node:process";
import { ADVERSARIAL, type Adversarial } from "./adversarial.ts";
import { parseFountain } from "./mod.ts";

/**
 * Doubling a linear parse's input doubles its time; a quadratic one
 * quadruples it. 3 leaves room for noise.
 */
const MAX_RATIO = 3;
/**
 * Allowance for parses of a few milliseconds, where one page fault or
 * young-generation GC more at the larger size is already a ratio of 3.
 * The quadratic cut of boneyard this test guards took 50–1,600 ms at
 * these sizes, so the allowance hides nothing.
 */
const NOISE_MS = 5;
/** Runs per size and pass: at least 2; more while failing, up to 30… */
const RUNS = [2, 30] as const;
/** …or until this much wall time has gone on the construct this pass. */
const BUDGET_MS = 2000;

/**
 * CPU milliseconds this process has used. CPU time, not wall time: on a
 * busy machine the time other processes hold the core would otherwise
 * count as parse time, many times over.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The fastest parse seen of an input at n and at 2n. */
class Timing {
  readonly input: Adversarial;
  #small: string;
  #big: string;
  smallMs = Infinity;
  bigMs = Infinity;

  constructor(input: Adversarial) {
    this.input = input;
    this.#small = input.make(input.n);
    this.#big = input.make(2 * input.n);
  }

  get linear(): boolean {
    return this.bigMs <= MAX_RATIO * this.smallMs + NOISE_MS;
  }

  /**
   * Alternates parses of both sizes, keeping the minimum of each (noise
   * only ever adds time), until the ratio passes or the runs or time
   * budget are spent: a busy machine has slow spells that last a while.
   */
  async measure(): Promise<void> {
    const deadline = performance.now() + BUDGET_MS;
    for (let i = 0; i < RUNS[1]; i++) {
      this.smallMs = Math.min(this.smallMs, await parseMs(this.#small));
      this.bigMs = Math.min(this.bigMs, await parseMs(this.#big));
      if (i + 1 < RUNS[0]) continue;
      if (this.linear || performance.now() > deadline) return;
    }
  }

  toString(): string {
    const { name, n } = this.input;
    return `${name}: ${this.smallMs.toFixed(1)} ms at ${n / 1024} KiB, ${
      this.bigMs.toFixed(1)
    } ms at ${2 * n / 1024} KiB (×${(this.bigMs / this.smallMs).toFixed(1)})`;
  }
}

async function parseMs(text: string): Promise<number> {
  const start = cpuMs();
  await parseFountain(text);
  return cpuMs() - start;
}

Deno.test("parser is linear: doubling each adversarial input at most ~doubles its time", async () => {
  // Warm every code path up first, so no measurement includes compiling.
  for (let round = 0; round < 2; round++) {
    for (const { make, n } of ADVERSARIAL) await parseFountain(make(n / 8));
  }
  let failing: Timing[] = [];
  for (const input of ADVERSARIAL) {
    const timing = new Timing(input);
    await timing.measure();
    if (!timing.linear) failing.push(timing);
  }
  // A second pass, later, for any that failed: a slow spell of the
  // machine rarely hits the same construct twice; a quadratic path fails
  // every time.
  for (const timing of failing) await timing.measure();
  failing = failing.filter((t) => !t.linear);
  assert.deepEqual(failing.map(String), []);
});

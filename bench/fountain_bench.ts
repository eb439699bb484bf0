/**
 * Fountain parsing speed (`lib/fountain`):
 * - the demo screenplay "Salt Light" (10 scenes, ~6 KB),
 * - a generated 1 MB script (~2,600 scenes; target: well under 200 ms),
 * - a generated 10 MB script at a raised limit (target: under 2 s; the
 *   unit test only asserts a generous 10 s so it cannot flake),
 * - every adversarial input of `lib/fountain/adversarial.ts` (one or more
 *   per construct the parser special-cases) at 1 MiB, half the import
 *   limit. `lib/fountain/linear_test.ts` checks that each stays linear;
 *   this shows what each costs.
 *
 * Run: `deno bench -A bench/fountain_bench.ts` (`--filter adversarial`
 * for the adversarial group alone).
 */
import { ADVERSARIAL } from "@/lib/fountain/adversarial.ts";
import { parseFountain } from "@/lib/fountain/mod.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { generateScript } from "@/lib/fountain/testing.ts";

const MiB = 1024 * 1024;
const oneMb = generateScript(1_000_000).text;
const tenMb = generateScript(10_000_000).text;

Deno.bench("parseFountain: sample screenplay (10 scenes)", async () => {
  await parseFountain(SAMPLE_SCREENPLAY);
});

Deno.bench("parseFountain: generated 1 MB script", async () => {
  await parseFountain(oneMb);
});

Deno.bench({
  name: "parseFountain: generated 10 MB script (maxBytes 20 MiB)",
  n: 5,
  warmup: 1,
  async fn() {
    await parseFountain(tenMb, { maxBytes: 20 * MiB });
  },
});

for (const { name, make } of ADVERSARIAL) {
  const text = make(MiB);
  Deno.bench({
    name: `adversarial 1 MiB: ${name}`,
    group: "adversarial",
    // A few runs each: the scene-heavy ones take seconds.
    n: 5,
    warmup: 1,
    async fn() {
      await parseFountain(text);
    },
  });
}

/**
 * Fountain parsing speed (`lib/fountain`):
 * - the demo screenplay "Salt Light" (10 scenes, ~6 KB),
 * - a generated 1 MB script (~2,600 scenes; target: well under 200 ms),
 * - a generated 10 MB script at a raised limit (target: under 2 s; the
 *   unit test only asserts a generous 10 s so it cannot flake).
 *
 * Run: `deno bench -A bench/fountain_bench.ts`
 */
import { parseFountain } from "../lib/fountain/mod.ts";
import { SAMPLE_SCREENPLAY } from "../lib/fountain/sample.ts";
import { generateScript } from "../lib/fountain/testing.ts";

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
    await parseFountain(tenMb, { maxBytes: 20 * 1024 * 1024 });
  },
});

import assert from "node:assert/strict";
import { parseFountain } from "./mod.ts";
import { SAMPLE_SCREENPLAY } from "./sample.ts";

const script = await parseFountain(SAMPLE_SCREENPLAY);
const all = script.scenes.flatMap((s) => s.elements);

Deno.test("sample: title page and 10 numbered scenes, no warnings", () => {
  assert.equal(script.title, "Salt Light");
  assert.equal(script.titlePage["author"], "The ProdSight Team");
  assert.equal(script.scenes.length, 10);
  assert.deepEqual(
    script.scenes.map((s) => s.number),
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
  );
  assert.deepEqual(script.warnings, []);
});

Deno.test("sample: interior, exterior and INT./EXT.; day and night", () => {
  const settings = new Set(script.scenes.map((s) => s.setting));
  assert.deepEqual([...settings].sort(), ["EXT", "INT", "INT/EXT"]);
  const times = new Set(script.scenes.map((s) => s.timeOfDay));
  for (const t of ["DAY", "NIGHT", "DAWN", "CONTINUOUS"]) {
    assert.ok(times.has(t));
  }
});

Deno.test("sample: five speaking characters incl. a V.O. and a dual dialogue", () => {
  const cast = new Set(script.scenes.flatMap((s) => s.characters));
  assert.deepEqual([...cast].sort(), [
    "BRAM",
    "COASTGUARD",
    "ELLA",
    "MARGIT",
    "VOSS",
  ]);
  const cues = all.filter((e) => e.type === "character");
  assert.ok(cues.some((c) => c.extension === "(V.O.)"));
  assert.equal(cues.filter((c) => c.dual).length, 2);
});

Deno.test("sample: exactly one transition, plus lyrics and a centred ending", () => {
  assert.deepEqual(all.filter((e) => e.type === "transition"), [
    { type: "transition", text: "CUT TO:" },
  ]);
  assert.equal(all.filter((e) => e.type === "lyrics").length, 2);
  assert.deepEqual(all[all.length - 1], {
    type: "action",
    text: "THE END",
    centered: true,
  });
});

Deno.test("sample: every scene has a hash and at least 1/8 page", () => {
  const hashes = new Set(script.scenes.map((s) => s.hash));
  assert.equal(hashes.size, 10);
  assert.ok(script.scenes.every((s) => s.eighths >= 1));
});

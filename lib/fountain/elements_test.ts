import assert from "node:assert/strict";
import { parseFountain } from "./mod.ts";

const load = (name: string) =>
  Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));

const outline = async () =>
  (await parseFountain(await load("outline_and_forced.fountain"))).scenes;

Deno.test("sections (#, ##) and synopses (=) are not scene content", async () => {
  const scenes = await outline();
  const all = JSON.stringify(scenes);
  assert.ok(!all.includes("ACT ONE"));
  assert.ok(!all.includes("The storm"));
  assert.ok(!all.includes("storm coming"));
});

Deno.test("a synopsis right under a heading does not break the heading", async () => {
  const scenes = await outline();
  assert.equal(scenes[0].heading, "EXT. LIGHTHOUSE - NIGHT");
});

Deno.test("notes: inline [[...]] removed, spacing kept tidy", async () => {
  const [first] = await outline();
  assert.deepEqual(first.elements[0], {
    type: "action",
    text: "Wind. The door bangs.",
  });
});

Deno.test("notes: a note spanning lines is removed whole", async () => {
  const all = JSON.stringify(await outline());
  assert.ok(!all.includes("spans"));
  assert.ok(!all.includes("two lines"));
});

Deno.test("notes: a note on its own line does not split a cue from its dialogue", async () => {
  const scenes = await outline();
  assert.deepEqual(scenes[1].elements.slice(0, 2), [
    { type: "character", name: "BRAM", extension: null, dual: false },
    { type: "dialogue", text: "We go at dawn." },
  ]);
});

Deno.test("boneyard: /* ... */ across lines is removed, scenes inside too", async () => {
  const scenes = await outline();
  assert.deepEqual(scenes.map((s) => s.heading), [
    "EXT. LIGHTHOUSE - NIGHT",
    "INT. LIGHTHOUSE - NIGHT",
  ]);
  assert.ok(!JSON.stringify(scenes).includes("Nobody here"));
});

Deno.test("boneyard: inline /* ... */ is cut out of the line", async () => {
  const { scenes } = await parseFountain(
    "INT. A - DAY\n\nThe lamp /* old words */ turns.\n",
  );
  assert.deepEqual(scenes[0].elements, [{
    type: "action",
    text: "The lamp turns.",
  }]);
});

Deno.test("forced action: '!' keeps an ALL-CAPS line from becoming a cue", async () => {
  const [first] = await outline();
  assert.deepEqual(first.elements[1], {
    type: "action",
    text: "ELLA RUNS.\nShe grabs the lamp.",
  });
  const { scenes } = await parseFountain("INT. A - DAY\n\n!CUT TO:\n");
  assert.deepEqual(scenes[0].elements, [{ type: "action", text: "CUT TO:" }]);
});

Deno.test("page breaks: '===' (three or more) is a page_break element", async () => {
  const [first] = await outline();
  assert.deepEqual(first.elements[2], { type: "page_break" });
  const { scenes } = await parseFountain("INT. A - DAY\n\n=====\n\nGulls.\n");
  assert.deepEqual(scenes[0].elements[0], { type: "page_break" });
});

Deno.test("lyrics: '~' lines, inside dialogue and on their own", async () => {
  const [first] = await outline();
  assert.deepEqual(first.elements.slice(3), [
    { type: "character", name: "ELLA", extension: null, dual: false },
    { type: "lyrics", text: "Turn, little light," },
    { type: "lyrics", text: "the sea is wide." },
    { type: "lyrics", text: "Bring them home on the evening tide." },
  ]);
});

Deno.test("emphasis markers are left in the text as written", async () => {
  const scenes = await outline();
  assert.deepEqual(scenes[1].elements[2], {
    type: "action",
    text: "*Emphasis* stays **as written**.",
  });
});

Deno.test("unterminated boneyard: rest of file is boneyard, with a warning", async () => {
  const script = await parseFountain(
    await load("unterminated_boneyard.fountain"),
  );
  assert.deepEqual(script.scenes.map((s) => s.heading), [
    "INT. LIGHTHOUSE - NIGHT",
  ]);
  assert.deepEqual(script.scenes[0].elements, [
    { type: "action", text: "The lamp turns." },
  ]);
  assert.deepEqual(script.warnings, [
    "Unterminated boneyard at line 5: treated as ending at end of file",
  ]);
});

Deno.test("unterminated note: ends at the next blank line or end of file, with warnings", async () => {
  const script = await parseFountain(await load("unterminated_note.fountain"));
  assert.deepEqual(script.scenes.map((s) => s.elements), [
    [{ type: "action", text: "The lamp turns." }],
    [{ type: "action", text: "Bram waits." }],
  ]);
  assert.deepEqual(script.warnings, [
    "Unterminated note at line 3: treated as ending at the blank line (line 4)",
    "Unterminated note at line 7: treated as ending at end of file",
  ]);
});

Deno.test("unterminated markers at the very end never throw", async () => {
  for (const tail of ["/*", "[[", "/* [[", "[[ /*", "*/", "]]"]) {
    const script = await parseFountain(`INT. A - DAY\n\nGulls.\n\n${tail}`);
    assert.equal(script.scenes.length, 1, tail);
  }
});

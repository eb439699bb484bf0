import assert from "node:assert/strict";
import { type Element, parseFountain } from "./mod.ts";
import { estimateEighths, LINES_PER_PAGE } from "./scenes.ts";

const action = (text: string): Element => ({ type: "action", text });

/** A scene whose body is `n` one-line action paragraphs. */
const sceneOfParagraphs = (n: number) =>
  "INT. LIGHTHOUSE - NIGHT\n\n" +
  Array.from({ length: n }, (_, i) => `Wave ${i} hits the rocks.\n\n`).join("");

const firstScene = async (text: string) =>
  (await parseFountain(text)).scenes[0];

Deno.test("eighths: a tiny scene is 1/8, never 0", async () => {
  assert.equal((await firstScene("EXT. PIER - DAY\n\nGulls.\n")).eighths, 1);
  assert.equal((await firstScene("EXT. PIER - DAY\n")).eighths, 1);
});

Deno.test("eighths: a scene of ~55 printed lines is 8/8 (one page)", async () => {
  // Heading + 27 × (blank + one action line) = 55 lines.
  const scene = await firstScene(sceneOfParagraphs(27));
  assert.equal(LINES_PER_PAGE, 55);
  assert.equal(scene.eighths, 8);
});

Deno.test("eighths: two pages are 16/8, half a page 4/8", async () => {
  assert.equal((await firstScene(sceneOfParagraphs(54))).eighths, 16);
  // 1 + 14 × 2 = 29 lines → 29 × 8 / 55 = 4.2 → 4.
  assert.equal((await firstScene(sceneOfParagraphs(14))).eighths, 4);
});

Deno.test("eighths: long lines wrap at the column width of their element", () => {
  const long = "word ".repeat(24).trim(); // 119 characters
  // Action (60 wide): 1 heading + 1 blank + 2 lines = 4.
  // Dialogue (35 wide): 1 heading + 1 blank + 1 cue + 4 lines = 7.
  const asAction = estimateEighths(Array(10).fill(action(long)));
  const asDialogue = estimateEighths([
    { type: "character", name: "MARGIT", extension: null, dual: false },
    ...Array(10).fill({ type: "dialogue", text: long }),
  ]);
  assert.equal(asAction, Math.round((1 + 10 * 3) * 8 / 55));
  assert.equal(asDialogue, Math.round((1 + 1 + 1 + 10 * 4) * 8 / 55));
  assert.ok(asDialogue > asAction);
});

Deno.test("hash: 64 hex characters of SHA-256", async () => {
  const { hash } = await firstScene("EXT. PIER - DAY\n\nGulls.\n");
  assert.match(hash, /^[0-9a-f]{64}$/);
  const expected = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode("EXT. PIER - DAY\naction:Gulls."),
  );
  assert.equal(
    hash,
    Array.from(new Uint8Array(expected), (b) => b.toString(16).padStart(2, "0"))
      .join(""),
  );
});

Deno.test("hash: whitespace-only changes at line ends do not change it", async () => {
  const base = "INT. A - DAY\n\nThe lamp turns.\n\nMARGIT\nNot tonight.\n";
  const padded =
    "INT. A - DAY  \n\t\nThe lamp turns. \t\n\nMARGIT \nNot tonight.   \n";
  const crlf = base.replaceAll("\n", "\r\n");
  const a = await firstScene(base);
  assert.equal((await firstScene(padded)).hash, a.hash);
  assert.equal((await firstScene(crlf)).hash, a.hash);
});

Deno.test("hash: a word change does change it", async () => {
  const a = await firstScene("INT. A - DAY\n\nMARGIT\nNot tonight.\n");
  const b = await firstScene("INT. A - DAY\n\nMARGIT\nNot today.\n");
  const c = await firstScene("INT. B - DAY\n\nMARGIT\nNot tonight.\n");
  assert.notEqual(a.hash, b.hash);
  assert.notEqual(a.hash, c.hash);
});

Deno.test("hash: renumbering or moving a scene keeps its hash", async () => {
  const scene = "INT. A - DAY\n\nThe lamp turns.\n\n";
  const other = "EXT. B - NIGHT\n\nRain.\n\n";
  const first = await parseFountain(scene + other);
  const moved = await parseFountain(
    other + scene.replace("DAY", "DAY #4A#"),
  );
  assert.equal(moved.scenes[1].hash, first.scenes[0].hash);
  assert.notEqual(first.scenes[0].hash, first.scenes[1].hash);
});

Deno.test("characters: extensions stripped, CONT'D merged, unique in first-appearance order", async () => {
  const scene = await firstScene(`INT. LIGHTHOUSE - NIGHT

RADIO (V.O.)
North Point, come in.

MARGIT
Who's there?

BRAM (O.S.)
Only me.

MARGIT (CONT'D)
At this hour?

@Bram
Open up.

RADIO (V.O.) (CONT'D)
Over.
`);
  assert.deepEqual(scene.characters, ["RADIO", "MARGIT", "BRAM"]);
});

Deno.test("characters: only speaking characters count, not names in action", async () => {
  const scene = await firstScene(
    "INT. A - DAY\n\nELLA watches MARGIT work.\n\nBRAM\nTea?\n",
  );
  assert.deepEqual(scene.characters, ["BRAM"]);
});

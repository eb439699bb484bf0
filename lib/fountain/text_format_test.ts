import assert from "node:assert/strict";
import { parseFountain } from "./mod.ts";
import { SAMPLE_SCREENPLAY } from "./sample.ts";

const lf = await parseFountain(SAMPLE_SCREENPLAY);

Deno.test("Windows line endings (CRLF) parse the same as LF", async () => {
  const crlf = await parseFountain(SAMPLE_SCREENPLAY.replaceAll("\n", "\r\n"));
  assert.deepEqual(crlf, lf);
});

Deno.test("old Mac line endings (CR) parse the same as LF", async () => {
  const cr = await parseFountain(SAMPLE_SCREENPLAY.replaceAll("\n", "\r"));
  assert.deepEqual(cr, lf);
});

Deno.test("trailing spaces and tabs at line ends change nothing", async () => {
  const padded = SAMPLE_SCREENPLAY.split("\n").map((l, i) =>
    l + (i % 2 ? "   " : "\t ")
  ).join("\n");
  assert.deepEqual(await parseFountain(padded), lf);
});

Deno.test("a byte order mark at the start is ignored", async () => {
  assert.deepEqual(await parseFountain("\uFEFF" + SAMPLE_SCREENPLAY), lf);
});

Deno.test("tabs: leading tabs are indentation, headings and cues still found", async () => {
  const { scenes } = await parseFountain(
    "\tINT.\tLIGHTHOUSE - NIGHT\n\n\tMARGIT\n\tWho's there?\n\n\tShe waits.\n",
  );
  assert.equal(scenes[0].heading, "INT. LIGHTHOUSE - NIGHT");
  assert.equal(scenes[0].location, "LIGHTHOUSE");
  assert.deepEqual(scenes[0].elements, [
    { type: "character", name: "MARGIT", extension: null, dual: false },
    { type: "dialogue", text: "Who's there?" },
    // The spec keeps action indentation, tabs as four spaces.
    { type: "action", text: "    She waits." },
  ]);
});

Deno.test("whitespace-only lines count as blank lines", async () => {
  const { scenes } = await parseFountain(
    "INT. A - DAY\n   \nBRAM\nHello.\n \t \nEXT. B - NIGHT\n\t\nGulls.\n",
  );
  assert.deepEqual(scenes.map((s) => s.heading), [
    "INT. A - DAY",
    "EXT. B - NIGHT",
  ]);
  assert.deepEqual(scenes[0].characters, ["BRAM"]);
});

import assert from "node:assert/strict";
import { diffLines, textLines } from "./impact.ts";

Deno.test("ripple impact - a line diff keeps order and one line of context", () => {
  const before = ["a", "b", "c", "d", "e", "f"];
  const after = ["a", "b", "C", "d", "e", "f", "g"];
  assert.deepEqual(diffLines(before, after), [
    { op: "same", text: "b" },
    { op: "removed", text: "c" },
    { op: "added", text: "C" },
    { op: "same", text: "d" },
    { op: "same", text: "f" },
    { op: "added", text: "g" },
  ]);
  assert.deepEqual(diffLines(["x"], ["x"]), []);
});

Deno.test("ripple impact - scene text as lines: cues by name, no heading", () => {
  assert.deepEqual(
    textLines([
      { type: "scene_heading", text: "INT. HUT - DAY", number: "4" },
      { type: "action", text: "Rain.\nMore rain." },
      { type: "character", name: "MAYA", extension: "(V.O.)", dual: false },
      { type: "dialogue", text: "Hello." },
      { type: "page_break" },
    ]),
    ["Rain.", "More rain.", "MAYA (V.O.)", "Hello."],
  );
});

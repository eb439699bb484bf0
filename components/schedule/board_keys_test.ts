import assert from "node:assert/strict";
import { board } from "@/lib/schedule/testing.ts";
import {
  heldBoard,
  placeOf,
  placeText,
  stepDay,
  stepStrip,
} from "./board_keys.ts";

// Day 1: 1, 2 · day 2: empty · boneyard: 3, 4
const b = board([["1", "2"], []], ["3", "4"]);

Deno.test("board keys - up and down walk every row of every day and the boneyard", () => {
  assert.deepEqual(placeOf(b, "1"), { day: 0, index: 0 });
  assert.deepEqual(placeOf(b, "4"), { boneyard: true, index: 1 });
  assert.equal(placeOf(b, "9"), null);
  // Scene 1 held: day 1 has one other row, so places 0 and 1.
  assert.deepEqual(stepStrip(b, "1", { day: 0, index: 0 }, "ArrowDown"), {
    day: 0,
    index: 1,
  });
  assert.deepEqual(stepStrip(b, "1", { day: 0, index: 1 }, "ArrowDown"), {
    day: 1,
    index: 0,
  });
  assert.deepEqual(stepStrip(b, "1", { day: 1, index: 0 }, "ArrowDown"), {
    boneyard: true,
    index: 0,
  });
  assert.equal(
    stepStrip(b, "1", { boneyard: true, index: 2 }, "ArrowDown"),
    null,
    "the end of the boneyard",
  );
  assert.deepEqual(stepStrip(b, "3", { boneyard: true, index: 0 }, "ArrowUp"), {
    day: 1,
    index: 0,
  });
  assert.deepEqual(stepStrip(b, "3", { day: 1, index: 0 }, "ArrowUp"), {
    day: 0,
    index: 2,
  });
  assert.equal(stepStrip(b, "1", { day: 0, index: 0 }, "ArrowUp"), null);
  assert.equal(stepStrip(b, "1", { day: 0, index: 0 }, "x"), null);
});

Deno.test("board keys - left and right jump a day at a time; days move among days", () => {
  assert.deepEqual(
    stepStrip(b, "4", { boneyard: true, index: 1 }, "ArrowLeft"),
    {
      boneyard: true,
      index: 0,
    },
  );
  assert.deepEqual(stepStrip(b, "4", { boneyard: true, index: 0 }, "PageUp"), {
    day: 1,
    index: 0,
  });
  assert.deepEqual(stepStrip(b, "4", { day: 0, index: 2 }, "ArrowRight"), {
    day: 1,
    index: 0,
  });
  assert.equal(stepDay(0, "ArrowUp", 2), null);
  assert.equal(stepDay(0, "ArrowDown", 2), 1);
  assert.equal(stepDay(1, "ArrowDown", 2), null);
});

Deno.test("board keys - the board as the held strip would land, and what is said", () => {
  const held = heldBoard(b, {
    kind: "strip",
    sceneKey: "3",
    from: { boneyard: true, index: 0 },
    to: { day: 1, index: 0 },
  });
  assert.deepEqual(placeOf(held, "3"), { day: 1, index: 0 });
  assert.equal(
    placeText(b, "3", { day: 0, index: 2 }),
    "Day 1, position 3 of 3",
  );
  assert.equal(
    placeText(b, "3", { boneyard: true, index: 0 }),
    "Boneyard, position 1 of 2",
  );
  // A day gone meanwhile: shown as it is.
  assert.equal(
    heldBoard(b, { kind: "day", from: 0, to: 5 }),
    b,
  );
});

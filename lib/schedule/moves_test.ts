import assert from "node:assert/strict";
import { freshDayBreakId, moveDay, moveStrip, validateBoard } from "./moves.ts";
import { banner, board, plan } from "./testing.ts";
import type { ScheduleBoard } from "./shared.ts";

const BOARD = board([["1", "2", "3"], ["4", banner("t", "travel"), "5"], [
  "6",
]], ["7", "8"]);
const SNAPSHOT = structuredClone(BOARD);

function breaks(b: ScheduleBoard): string[] {
  return b.items.flatMap((i) => i.type === "day_break" ? [i.id] : []);
}

Deno.test("moves - a strip within its day, to the final row asked for", () => {
  const down = moveStrip(BOARD, "1", { day: 0, index: 2 });
  assert.deepEqual(plan(down)[0], ["2", "3", "1"]);
  const up = moveStrip(BOARD, "3", { day: 0, index: 0 });
  assert.deepEqual(plan(up)[0], ["3", "1", "2"]);
  // A move is a new board: the input is untouched (the UI keeps it to roll back).
  assert.deepEqual(BOARD, SNAPSHOT);
  assert.deepEqual(breaks(down), ["b1", "b2", "b3"]);
});

Deno.test("moves - a strip across days, banners counted as rows", () => {
  const moved = moveStrip(BOARD, "2", { day: 1, index: 2 });
  assert.deepEqual(plan(moved), [["1", "3"], ["4", "[t]", "2", "5"], ["6"]]);
  const last = moveStrip(BOARD, "1", { day: 2, index: 99 });
  assert.deepEqual(plan(last), [["2", "3"], ["4", "[t]", "5"], ["6", "1"]]);
  // Into an empty day: before its break.
  const empty = moveStrip(board([["1"], []]), "1", { day: 1, index: 0 });
  assert.deepEqual(empty.items.map((i) => i.type), [
    "day_break",
    "strip",
    "day_break",
  ]);
});

Deno.test("moves - to and from the boneyard", () => {
  const out = moveStrip(BOARD, "5", { boneyard: true });
  assert.deepEqual(plan(out), [["1", "2", "3"], ["4", "[t]"], ["6"]]);
  assert.deepEqual(out.boneyard, ["7", "8", "5"]);
  const front = moveStrip(BOARD, "5", { boneyard: true, index: 0 });
  assert.deepEqual(front.boneyard, ["5", "7", "8"]);
  const back = moveStrip(BOARD, "8", { day: 0, index: 1 });
  assert.deepEqual(plan(back)[0], ["1", "8", "2", "3"]);
  assert.deepEqual(back.boneyard, ["7"]);
  const within = moveStrip(BOARD, "8", { boneyard: true, index: 0 });
  assert.deepEqual(within.boneyard, ["8", "7"]);
});

Deno.test("moves - one day past the last appends to the end of the board", () => {
  const appended = moveStrip(BOARD, "7", { day: 3, index: 0 });
  assert.deepEqual(plan(appended), [["1", "2", "3"], ["4", "[t]", "5"], [
    "6",
  ], ["7"]]);
  assert.equal(appended.items[appended.items.length - 1].type, "strip");
  // On an empty board the first strip opens day 1.
  const first = moveStrip({ items: [], boneyard: ["1"] }, "1", {
    day: 0,
    index: 0,
  });
  assert.deepEqual(first, {
    items: [{ type: "strip", sceneKey: "1" }],
    boneyard: [],
  });
});

Deno.test("moves - a strip that is nowhere or a day that is not: RangeError", () => {
  assert.throws(() => moveStrip(BOARD, "99", { day: 0, index: 0 }), RangeError);
  assert.throws(() => moveStrip(BOARD, "1", { day: 7, index: 0 }), RangeError);
  assert.throws(() => moveStrip(BOARD, "1", { day: -1, index: 0 }), RangeError);
  assert.throws(
    () => moveStrip(BOARD, "1", { day: 0.5, index: 0 }),
    RangeError,
  );
});

Deno.test("moves - a whole day keeps its strips, banners and break", () => {
  const moved = moveDay(BOARD, 1, 0);
  assert.deepEqual(plan(moved), [["4", "[t]", "5"], ["1", "2", "3"], ["6"]]);
  assert.deepEqual(breaks(moved), ["b2", "b1", "b3"]);
  const toEnd = moveDay(BOARD, 0, 2);
  assert.deepEqual(plan(toEnd), [["4", "[t]", "5"], ["6"], ["1", "2", "3"]]);
  assert.deepEqual(toEnd.boneyard, ["7", "8"]);
  assert.equal(moveDay(BOARD, 1, 1), BOARD);
  assert.throws(() => moveDay(BOARD, 3, 0), RangeError);
  assert.throws(() => moveDay(BOARD, 0, 3), RangeError);
  assert.deepEqual(BOARD, SNAPSHOT);
});

Deno.test("moves - an open last day moved up gets a day break; banners after the last day stay last", () => {
  const open = board([["1"], ["2"], ["3"]], [], { open: true });
  const moved = moveDay(open, 2, 0);
  assert.deepEqual(plan(moved), [["3"], ["1"], ["2"]]);
  assert.deepEqual(breaks(moved), ["day-1", "b1", "b2"]);
  assert.equal(moved.items[moved.items.length - 1].type, "day_break");
  const tail: ScheduleBoard = {
    items: [...board([["1"], ["2"]]).items, banner("t", "travel")],
    boneyard: [],
  };
  assert.deepEqual(plan(moveDay(tail, 1, 0)), [["2"], ["1"], ["[t]"]]);
});

Deno.test("moves - fresh day-break ids skip the ones in use", () => {
  assert.equal(freshDayBreakId(new Set()), "day-1");
  assert.equal(freshDayBreakId(new Set(["day-1", "day-2"])), "day-3");
});

Deno.test("validate - each strip at most once, unknown scenes dropped, missing ones to the boneyard", () => {
  const messy: ScheduleBoard = {
    items: [
      ...board([["1", "2", "1"], ["ghost", "3"]]).items,
      { type: "day_break", id: "b1" },
      banner("t", "travel"),
      banner("t", "holiday"),
    ],
    boneyard: ["3", "4", "ghost", "4"],
  };
  const { board: clean, report } = validateBoard(messy, [
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
  ]);
  // The second b1 became day-1 (an empty day); the second t a fresh id too.
  assert.deepEqual(plan(clean), [["1", "2"], ["3"], [], ["[t]", "[day-2]"]]);
  assert.deepEqual(clean.boneyard, ["4", "5", "6"]);
  assert.deepEqual(report, {
    unknown: ["ghost", "ghost"],
    duplicates: ["1", "3", "4"],
    added: ["5", "6"],
    renamed: ["b1", "t"],
  });
  assert.deepEqual(breaks(clean), ["b1", "b2", "day-1"]);
});

Deno.test("validate - a valid board comes back equal with an empty report", () => {
  const { board: same, report } = validateBoard(BOARD, [
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
  ]);
  assert.deepEqual(same, BOARD);
  assert.deepEqual(report, {
    unknown: [],
    duplicates: [],
    added: [],
    renamed: [],
  });
});

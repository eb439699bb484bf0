import assert from "node:assert/strict";
import {
  calendarSlots,
  DEFAULT_MINUTES_PER_EIGHTH,
  estimateMinutes,
  formatDuration,
  sceneDays,
  shootingDays,
  splitDays,
} from "./days.ts";
import { banner, board, strip, stripMap } from "./testing.ts";

const STRIPS = stripMap([
  strip("1", [2, 1], { eighths: 11 }),
  strip("2", [1], { eighths: 5 }),
  strip("3", [3], { eighths: 8 }),
  strip("4", [4, 1], { eighths: 3, omitted: true }),
  strip("5", [5], { eighths: 16 }),
]);

Deno.test("days - a day break ends a day; rows after the last break form an open day", () => {
  const { days, after } = splitDays(
    board([["1", "2"], ["3"]], [], { open: true }),
  );
  assert.deepEqual(days.map((d) => d.breakId), ["b1", null]);
  assert.deepEqual(days.map((d) => d.rows.length), [2, 1]);
  assert.deepEqual(after, []);
  // Two breaks in a row: an empty day the AD can fill.
  const empty = splitDays(board([["1"], [], ["3"]]));
  assert.deepEqual(empty.days.map((d) => d.rows.length), [1, 0, 1]);
  // Banners after the last break with no strip after them are no day.
  const tail = splitDays({
    items: [...board([["1"]]).items, banner("t", "travel")],
    boneyard: [],
  });
  assert.equal(tail.days.length, 1);
  assert.deepEqual(tail.after.map((b) => b.id), ["t"]);
  assert.deepEqual(splitDays({ items: [], boneyard: ["1"] }).days, []);
});

Deno.test("days - sceneDays: each scheduled scene's 1-based day, the open day too, never the boneyard", () => {
  const days = sceneDays(board([["1", "2"], [], ["3"]], ["4"], { open: true }));
  assert.deepEqual([...days], [["1", 1], ["2", 1], ["3", 3]]);
});

Deno.test("days - totals per day: eighths as pages, estimated time, cast", () => {
  const days = shootingDays(
    board([["1", "2", banner("m", "company_move")], ["3", "4"], ["5"]]),
    STRIPS,
  );
  assert.deepEqual(days.map((d) => d.number), [1, 2, 3]);
  assert.deepEqual(days.map((d) => d.eighths), [16, 8, 16]);
  assert.deepEqual(days.map((d) => d.pages), ["2", "1", "2"]);
  assert.deepEqual(days.map((d) => d.minutes), [240, 120, 240]);
  assert.deepEqual(days[0].castIds, [1, 2]);
  assert.deepEqual(days[0].banners.map((b) => b.id), ["m"]);
  // The omitted scene stays on the day, flagged, but is neither shot nor counted.
  assert.deepEqual(days[1].strips.map((s) => s.sceneKey), ["3", "4"]);
  assert.equal(days[1].omitted, 1);
  assert.deepEqual(days[1].castIds, [3]);
  const odd = shootingDays(board([["1"]]), STRIPS)[0];
  assert.equal(odd.pages, "1 3/8");
});

Deno.test("days - the production's minutes per eighth; 15 by default", () => {
  assert.equal(DEFAULT_MINUTES_PER_EIGHTH, 15);
  // Five pages a ten-hour shooting day.
  assert.equal(estimateMinutes(40), 600);
  const [day] = shootingDays(board([["1", "2"]]), STRIPS, 9);
  assert.equal(day.minutes, 16 * 9);
  assert.equal(formatDuration(day.minutes), "2 h 24 min");
  assert.equal(formatDuration(45), "45 min");
  assert.equal(formatDuration(120), "2 h");
  assert.equal(formatDuration(0), "0 min");
});

Deno.test("days - strips the board names but the draft lacks are skipped", () => {
  const [day] = shootingDays(board([["1", "gone"]]), STRIPS);
  assert.deepEqual(day.strips.map((s) => s.sceneKey), ["1"]);
  assert.equal(day.eighths, 11);
});

Deno.test("days - calendar slots: a travel day or holiday before its day's first strip comes first", () => {
  const slots = calendarSlots(board([
    ["1"],
    [banner("t", "travel", [1]), "2", banner("m", "company_move"), "3"],
    ["4", banner("h", "holiday"), banner("n", "other", [], "Night shoots")],
    [banner("h2", "holiday")],
  ]));
  assert.deepEqual(
    slots.map((s) => s.kind === "shoot" ? `day ${s.day + 1}` : s.banner.id),
    // Company moves and notes take no date; a banner after a strip comes
    // after its day; an empty day's banners come before it.
    ["day 1", "t", "day 2", "day 3", "h", "h2", "day 4"],
  );
  const tail = calendarSlots({
    items: [...board([["1"]]).items, banner("t", "travel")],
    boneyard: [],
  });
  assert.deepEqual(tail.map((s) => s.kind), ["shoot", "banner"]);
});

import assert from "node:assert/strict";
import { calendarOf, datedDays } from "./dated_days.ts";
import type { ScheduleSettings } from "./shared.ts";
import { banner, board, strip, stripMap } from "./testing.ts";

const SETTINGS: ScheduleSettings = {
  version: 1,
  startDate: "2027-02-01",
  workWeekdays: [1, 2, 3, 4, 5],
  daysOff: ["2027-02-02"],
  extraWorkDays: [],
  minutesPerEighth: 10,
  stripColors: {},
  dropPickupAfterDays: null,
  maxDropsPerMember: 1,
};

Deno.test("dated days - figures, dates past days off and dated banners, rows in order", () => {
  const strips = stripMap([
    strip("1", [2, 1], { eighths: 3 }),
    strip("2", [3], { eighths: 5 }),
    strip("3", [4], { eighths: 8, omitted: true }),
  ]);
  const travel = banner("t", "travel", [3], "Fly to Bodø");
  const days = datedDays(
    board([["1", "2"], [travel, "3"]], []),
    strips,
    SETTINGS,
    "Europe/Oslo",
  );
  assert.equal(days.length, 2);
  assert.deepEqual(days[0], {
    number: 1,
    date: "2027-02-01",
    breakId: "b1",
    rows: [{ type: "strip", sceneKey: "1" }, {
      type: "strip",
      sceneKey: "2",
    }],
    eighths: 8,
    pages: "1",
    minutes: 80,
    castIds: [1, 2, 3],
    omitted: 0,
  });
  // 2 Feb is a day off; the travel day takes 3 Feb, day 2 the 4th.
  assert.equal(days[1].date, "2027-02-04");
  assert.deepEqual(days[1].rows, [travel, { type: "strip", sceneKey: "3" }]);
  assert.equal(days[1].eighths, 0, "an omitted scene counts no eighths");
  assert.equal(days[1].omitted, 1);
});

Deno.test("dated days - the calendar of the settings, in the production's zone", () => {
  assert.deepEqual(calendarOf(SETTINGS, "Europe/Oslo"), {
    startDate: "2027-02-01",
    workWeekdays: [1, 2, 3, 4, 5],
    daysOff: ["2027-02-02"],
    extraWorkDays: [],
    timeZone: "Europe/Oslo",
  });
});

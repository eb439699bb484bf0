import assert from "node:assert/strict";
import {
  DEFAULT_STRIP_COLORS,
  type ScheduleSettings,
} from "@/lib/schedule/shared.ts";
import {
  changedColors,
  colorsOf,
  draftOf,
  inputOf,
  isDirty,
  pacingText,
  previewDates,
  withDate,
} from "./model.ts";

const SETTINGS: ScheduleSettings = {
  version: 3,
  startDate: "2027-02-01",
  workWeekdays: [1, 2, 3, 4, 5],
  daysOff: [],
  extraWorkDays: [],
  minutesPerEighth: 15,
  stripColors: { "EXT/NIGHT": "#00AA00", "INT/DAY": "not a colour" },
  dropPickupAfterDays: null,
  maxDropsPerMember: 1,
};

Deno.test("settings form - a draft of the settings and back, unchanged", () => {
  const draft = draftOf(SETTINGS);
  assert.equal(draft.stripColors["EXT/NIGHT"], "#00aa00");
  assert.equal(draft.stripColors["INT/DAY"], DEFAULT_STRIP_COLORS["INT/DAY"]);
  assert.equal(draft.dropMode, "hold");
  assert.equal(draft.dropAfterDays, "10");
  assert.equal(isDirty(draft, SETTINGS), false);
  const { input, errors } = inputOf(draft);
  assert.equal(errors, null);
  assert.deepEqual(input, {
    startDate: "2027-02-01",
    workWeekdays: [1, 2, 3, 4, 5],
    daysOff: [],
    extraWorkDays: [],
    minutesPerEighth: 15,
    // Only what differs from the convention is stored.
    stripColors: { "EXT/NIGHT": "#00aa00" },
    dropPickupAfterDays: null,
    maxDropsPerMember: 1,
  });
  assert.equal(isDirty({ ...draft, minutesPerEighth: "12" }, SETTINGS), true);
});

Deno.test("settings form - mistakes are caught per field before sending", () => {
  const draft = draftOf(SETTINGS);
  const errorsOf = (over: Partial<typeof draft>) =>
    Object.keys(inputOf({ ...draft, ...over }).errors ?? {}).sort();
  assert.deepEqual(errorsOf({ workWeekdays: [] }), ["workWeekdays"]);
  assert.deepEqual(errorsOf({ startDate: "" }), ["startDate"]);
  assert.deepEqual(errorsOf({ minutesPerEighth: "0" }), ["minutesPerEighth"]);
  assert.deepEqual(errorsOf({ minutesPerEighth: "121" }), ["minutesPerEighth"]);
  assert.deepEqual(errorsOf({ minutesPerEighth: "7.5" }), ["minutesPerEighth"]);
  assert.deepEqual(
    errorsOf({ daysOff: ["2027-02-06"], extraWorkDays: ["2027-02-06"] }),
    ["extraWorkDays"],
  );
  // The drop fields only count when dropping is on.
  assert.deepEqual(errorsOf({ dropAfterDays: "" }), []);
  assert.deepEqual(
    errorsOf({ dropMode: "drop", dropAfterDays: "0", maxDrops: "21" }),
    ["dropAfterDays", "maxDrops"],
  );
  const drop = inputOf({ ...draft, dropMode: "drop", dropAfterDays: "14" });
  assert.equal(drop.input?.dropPickupAfterDays, 14);
});

Deno.test("settings form - the preview follows days off, extra days and weekdays", () => {
  const draft = draftOf(SETTINGS);
  assert.deepEqual(previewDates(draft, 3), [
    "2027-02-01",
    "2027-02-02",
    "2027-02-03",
  ]);
  assert.deepEqual(previewDates({ ...draft, daysOff: ["2027-02-01"] }, 2), [
    "2027-02-02",
    "2027-02-03",
  ]);
  assert.deepEqual(
    previewDates(
      { ...draft, workWeekdays: [6], extraWorkDays: ["2027-02-03"] },
      2,
    ),
    ["2027-02-03", "2027-02-06"],
  );
  assert.deepEqual(previewDates({ ...draft, startDate: "" }), []);
  assert.equal(previewDates(draft).length, 10);
});

Deno.test("settings form - dates kept sorted once; colours and pacing in words", () => {
  assert.deepEqual(withDate(["2027-02-05"], "2027-02-01"), [
    "2027-02-01",
    "2027-02-05",
  ]);
  assert.deepEqual(withDate(["2027-02-05"], "2027-02-05"), ["2027-02-05"]);
  assert.deepEqual(changedColors(colorsOf({})), {});
  assert.equal(
    pacingText("15"),
    "15 min per eighth = 5 pages in a 10-hour day",
  );
  assert.equal(pacingText("75"), "75 min per eighth = 1 page in a 10-hour day");
  assert.equal(
    pacingText("10"),
    "10 min per eighth = about 7.5 pages in a 10-hour day",
  );
});

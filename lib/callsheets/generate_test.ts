import assert from "node:assert/strict";
import { strip } from "@/lib/schedule/testing.ts";
import type { ScheduleDayView } from "@/lib/schedule/shared.ts";
import {
  castOf,
  defaultCrew,
  departmentNotesOf,
  locationsOf,
  type ScheduleDays,
  scheduledPart,
} from "./generate.ts";
import { addMinutes, sheetDate, stateOf } from "./shared.ts";

function day(
  number: number,
  keys: string[],
  castIds: number[],
): ScheduleDayView {
  return {
    number,
    date: `2027-02-0${number}`,
    breakId: `b${number}`,
    rows: keys.map((sceneKey) => ({ type: "strip" as const, sceneKey })),
    eighths: keys.length * 8,
    pages: String(keys.length),
    minutes: 0,
    castIds,
    omitted: 0,
  };
}

const VIEW: ScheduleDays = {
  strips: [
    strip("1", [2, 1], { set: "LIGHTHOUSE" }),
    strip("2", [3], { set: "HARBOUR" }),
    strip("3", [1], { set: "LIGHTHOUSE" }),
  ],
  days: [day(1, ["1", "2"], [1, 2, 3]), day(2, ["3"], [1])],
  cast: [
    { castNumber: 1, name: "INGRID", elementId: "e1" },
    { castNumber: 2, name: "TOMAS", elementId: "e2" },
  ],
};
const SOURCE = { versionId: null, versionName: null };

Deno.test("scheduledPart - a day's scenes in board order and the next day", () => {
  const part = scheduledPart(VIEW, 1, SOURCE)!;
  assert.deepEqual(part.scenes.map((s) => s.sceneKey), ["1", "2"]);
  assert.equal(part.totalDays, 2);
  assert.deepEqual(part.advance?.scenes.map((s) => s.sceneKey), ["3"]);
  assert.equal(scheduledPart(VIEW, 2, SOURCE)?.advance, null);
  assert.equal(scheduledPart(VIEW, 3, SOURCE), null);
});

Deno.test("castOf - numbers in order, names from the cast, typed lines kept", () => {
  const scenes = scheduledPart(VIEW, 1, SOURCE)!.scenes;
  const cast = castOf(VIEW, scenes, "06:30");
  assert.deepEqual(cast.map((c) => [c.castNumber, c.character]), [
    [1, "INGRID"],
    [2, "TOMAS"],
    [3, "Cast 3"],
  ]);
  assert.equal(cast[0].onSet, "07:30");
  const kept = castOf(VIEW, scenes, "07:00", [
    { ...cast[1], actor: "Ola", call: "05:00" },
  ]);
  assert.equal(kept[1].actor, "Ola");
  assert.equal(kept[1].call, "05:00");
  assert.equal(kept[0].call, "07:00");
});

Deno.test("locationsOf - one line per set, typed addresses and extra lines kept", () => {
  const scenes = scheduledPart(VIEW, 1, SOURCE)!.scenes;
  assert.deepEqual(locationsOf(scenes), [
    { set: "LIGHTHOUSE", address: "" },
    { set: "HARBOUR", address: "" },
  ]);
  assert.deepEqual(
    locationsOf(scenes, [
      { set: "lighthouse", address: "Cape 1" },
      { set: "Base camp", address: "Car park" },
      { set: "Old set", address: "" },
    ]),
    [
      { set: "LIGHTHOUSE", address: "Cape 1" },
      { set: "HARBOUR", address: "" },
      { set: "Base camp", address: "Car park" },
    ],
  );
});

Deno.test("defaults - departments once each, active members by role", () => {
  assert.deepEqual(
    departmentNotesOf(["Camera", " camera", "", "Sound"]).map((n) =>
      n.department
    ),
    ["Camera", "Sound"],
  );
  assert.deepEqual(
    defaultCrew([
      { id: "c", name: "Cy", role: "crew", active: true },
      { id: "p", name: "Pia", role: "producer", active: true },
      { id: "x", name: "Xi", role: "crew", active: false },
    ]).map((c) => c.userId),
    ["p", "c"],
  );
});

Deno.test("shared helpers - times, dates, states", () => {
  assert.equal(addMinutes("23:30", 45), "00:15");
  assert.equal(addMinutes("07:00", -90), "05:30");
  assert.equal(sheetDate("2027-02-02"), "Tue 2 Feb 2027");
  assert.equal(sheetDate(null), "Date not set");
  assert.equal(stateOf({ status: "draft", revision: 0 }), "draft");
  assert.equal(stateOf({ status: "published", revision: 1 }), "published");
  assert.equal(stateOf({ status: "published", revision: 3 }), "revised");
});

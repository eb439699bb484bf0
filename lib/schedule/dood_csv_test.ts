import assert from "node:assert/strict";
import { dayOutOfDays } from "./dood.ts";
import { columnLabel, doodCsv, doodFilename } from "./dood_csv.ts";
import { banner, board, calendar, strip, stripMap } from "./testing.ts";

Deno.test("dood csv - dates, what each date is, a row of codes and totals per member", () => {
  const dood = dayOutOfDays({
    calendar: calendar({ startDate: "2027-02-04" }), // a Thursday
    board: board([["a"], [banner("t", "travel", [2]), "b"], ["c"]]),
    strips: stripMap([strip("a", [1]), strip("b", [1]), strip("c", [2])]),
    cast: [
      { castNumber: 2, name: "=cmd|' /C calc'!A0" },
      { castNumber: 1, name: "Margit, the keeper" },
    ],
  });
  const csv = doodCsv(dood);
  assert.ok(csv.startsWith("\uFEFF"));
  const lines = csv.slice(1).split("\r\n");
  assert.deepEqual(lines, [
    "Cast #,Cast,2027-02-04,2027-02-05,2027-02-06,2027-02-07,2027-02-08,2027-02-09,Work,Hold,Travel,Idle,Pick-ups,Start,Finish",
    ",,Thu Day 1,Fri Travel,Sat Off,Sun Off,Mon Day 2,Tue Day 3,,,,,,,",
    '1,"Margit, the keeper",SW,H,,,WF,,2,1,0,2,0,2027-02-04,2027-02-08',
    "2,'=cmd|' /C calc'!A0,,T,,,,SWF,1,0,1,0,0,2027-02-09,2027-02-09",
    "",
  ]);
});

Deno.test("dood csv - column labels and the file name", () => {
  assert.equal(
    columnLabel({ date: "2027-02-01", kind: "shoot", day: 1 }),
    "Mon Day 1",
  );
  assert.equal(
    columnLabel({ date: "2027-02-07", kind: "holiday", day: null }),
    "Sun Holiday",
  );
  assert.equal(
    doodFilename("northern-lights"),
    "day-out-of-days-northern-lights.csv",
  );
});

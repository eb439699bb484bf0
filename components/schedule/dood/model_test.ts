import assert from "node:assert/strict";
import type { DayOutOfDays } from "@/lib/schedule/dood.ts";
import {
  anyoneWorks,
  changeText,
  codeClass,
  columnHeading,
  doodEventEffect,
  doodPath,
  dropRuleText,
  LEGEND_CODES,
  shootingDayCount,
  shortDate,
} from "./model.ts";

Deno.test("dood page - a column reads weekday, date and what the day is", () => {
  assert.deepEqual(
    columnHeading({ date: "2027-02-01", kind: "shoot", day: 1 }),
    { weekday: "Mon", date: "1 Feb", what: "Day 1" },
  );
  assert.deepEqual(
    columnHeading({ date: "2027-02-06", kind: "off", day: null }),
    { weekday: "Sat", date: "6 Feb", what: "Off" },
  );
  assert.equal(
    columnHeading({ date: "2027-12-25", kind: "holiday", day: null }).what,
    "Holiday",
  );
  assert.equal(
    columnHeading({ date: "2027-02-08", kind: "travel", day: null }).what,
    "Travel",
  );
  assert.equal(shortDate("2028-02-29"), "29 Feb");
});

Deno.test("dood page - the legend lists every code but the blank one, classes per code", () => {
  assert.deepEqual(LEGEND_CODES, [
    "SW",
    "W",
    "WF",
    "SWF",
    "PW",
    "PWF",
    "H",
    "T",
  ]);
  assert.equal(codeClass("SWF"), "dood-swf");
  assert.equal(codeClass(""), "");
});

Deno.test("dood page - the drop/pick-up rule in words", () => {
  assert.match(
    dropRuleText({ dropPickupAfterDays: null, maxDropsPerMember: 1 }),
    /^Always hold/,
  );
  const drop = dropRuleText({ dropPickupAfterDays: 10, maxDropsPerMember: 1 });
  assert.match(drop, /more than 10 calendar days away/);
  assert.match(drop, /once per cast member/);
  assert.match(
    dropRuleText({ dropPickupAfterDays: 1, maxDropsPerMember: 3 }),
    /more than 1 calendar day away.*up to 3 times/,
  );
});

Deno.test("dood page - empty until someone works; shooting days counted", () => {
  const dood: DayOutOfDays = {
    columns: [
      { date: "2027-02-01", kind: "shoot", day: 1 },
      { date: "2027-02-02", kind: "travel", day: null },
    ],
    rows: [{
      castNumber: 1,
      name: "MARGIT",
      codes: ["", "T"],
      totals: {
        work: 0,
        hold: 0,
        travel: 1,
        idle: 0,
        pickups: 0,
        first: null,
        last: null,
      },
    }],
  };
  assert.equal(anyoneWorks(dood), false);
  assert.equal(anyoneWorks({ columns: [], rows: [] }), false);
  dood.rows[0].totals.work = 1;
  assert.equal(anyoneWorks(dood), true);
  assert.equal(shootingDayCount(dood), 1);
});

Deno.test("dood page - which live events change the report shown", () => {
  const board = { action: "board" };
  assert.equal(doodEventEffect("schedule_update", board, null), "refresh");
  assert.equal(doodEventEffect("schedule_update", board, "v1"), "ignore");
  assert.equal(
    doodEventEffect("schedule_update", { action: "board_replaced" }, null),
    "refresh",
  );
  for (const versionId of [null, "v1"]) {
    assert.equal(
      doodEventEffect("schedule_update", { action: "settings" }, versionId),
      "refresh",
    );
    assert.equal(
      doodEventEffect("script_update", { action: "imported" }, versionId),
      "refresh",
    );
  }
  const deleted = (id: string) => ({
    action: "version_deleted",
    versionMeta: { id },
  });
  assert.equal(doodEventEffect("schedule_update", deleted("v1"), "v1"), "gone");
  assert.equal(
    doodEventEffect("schedule_update", deleted("v2"), "v1"),
    "ignore",
  );
  assert.equal(
    doodEventEffect("schedule_update", { action: "version_saved" }, null),
    "ignore",
  );
});

Deno.test("dood page - the report's addresses and why it changed", () => {
  assert.equal(doodPath(null), "/api/schedule/dood");
  assert.equal(doodPath("a b", true), "/api/schedule/dood.csv?version=a%20b");
  assert.equal(
    changeText("schedule_update", {
      action: "board",
      summary: "moved scene 3 to day 2",
      by: { name: "Pat Lee" },
    }),
    "Pat Lee moved scene 3 to day 2",
  );
  assert.equal(
    changeText("schedule_update", { action: "settings", by: { name: "" } }),
    "Someone changed the calendar",
  );
  assert.equal(
    changeText("script_update", { action: "imported", by: { name: "Dana" } }),
    "Dana changed the script",
  );
  assert.equal(changeText("schedule_update", { action: "board" }), null);
});

import assert from "node:assert/strict";
import {
  addDays,
  calendarProblems,
  datesOfShootingDays,
  datesOfSlots,
  daysBetween,
  defaultCalendar,
  isIsoDate,
  todaysShootingDay,
  validateCalendar,
  weekdayOf,
  workingDates,
} from "./calendar.ts";
import { calendarSlots } from "./days.ts";
import { banner, board, calendar } from "./testing.ts";

Deno.test("calendar - date arithmetic on calendar dates", () => {
  assert.equal(weekdayOf("2027-02-01"), 1); // Monday
  assert.equal(weekdayOf("2027-01-31"), 7); // Sunday
  assert.equal(weekdayOf("1969-12-31"), 3); // before the epoch: Wednesday
  assert.equal(addDays("2027-02-26", 3), "2027-03-01");
  assert.equal(addDays("2028-02-28", 1), "2028-02-29");
  assert.equal(addDays("2027-01-01", -1), "2026-12-31");
  assert.equal(daysBetween("2027-02-01", "2027-02-12"), 11);
  assert.equal(daysBetween("2027-02-12", "2027-02-01"), -11);
  assert.ok(isIsoDate("2028-02-29"));
  for (const bad of ["2027-02-29", "2027-2-1", "2027-13-01", "", 20270201]) {
    assert.ok(!isIsoDate(bad), String(bad));
  }
});

Deno.test("calendar - Monday to Friday by default: weekends are skipped", () => {
  const cal = defaultCalendar({
    startDate: "2027-02-01",
    timeZone: "Europe/Oslo",
  });
  assert.deepEqual(cal.workWeekdays, [1, 2, 3, 4, 5]);
  assert.deepEqual(datesOfShootingDays(cal, 7), [
    "2027-02-01",
    "2027-02-02",
    "2027-02-03",
    "2027-02-04",
    "2027-02-05",
    "2027-02-08",
    "2027-02-09",
  ]);
  assert.deepEqual(datesOfShootingDays(cal, 0), []);
});

Deno.test("calendar - a start on a weekend begins on the next working day", () => {
  const cal = calendar({ startDate: "2027-01-30" }); // a Saturday
  assert.deepEqual(datesOfShootingDays(cal, 2), ["2027-02-01", "2027-02-02"]);
});

Deno.test("calendar - days off are skipped, extra working days used", () => {
  const cal = calendar({
    daysOff: ["2027-02-03"],
    // Saturday the 6th is worked; an extra day before the start is not.
    extraWorkDays: ["2027-02-06", "2027-01-30"],
  });
  assert.deepEqual(datesOfShootingDays(cal, 6), [
    "2027-02-01",
    "2027-02-02",
    "2027-02-04",
    "2027-02-05",
    "2027-02-06",
    "2027-02-08",
  ]);
});

Deno.test("calendar - a six-day week works Saturdays", () => {
  const cal = calendar({ workWeekdays: [1, 2, 3, 4, 5, 6] });
  assert.deepEqual(datesOfShootingDays(cal, 7).slice(5), [
    "2027-02-06",
    "2027-02-08",
  ]);
});

Deno.test("calendar - a date both off and extra is off, and reported", () => {
  const cal = calendar({
    daysOff: ["2027-02-06"],
    extraWorkDays: ["2027-02-06"],
  });
  assert.ok(!workingDates(cal, 6).includes("2027-02-06"));
  assert.deepEqual(validateCalendar(cal), [
    "2027-02-06 is both a day off and an extra working day",
  ]);
  assert.deepEqual(validateCalendar(calendar()), []);
  assert.deepEqual(
    validateCalendar(calendar({
      startDate: "2027-02-30",
      timeZone: "Mars/Olympus",
      workWeekdays: [],
      daysOff: ["soon"],
    })),
    [
      "The start date 2027-02-30 is not a date",
      "Unknown time zone Mars/Olympus",
      "soon is not a date",
      "No weekday is a working day",
    ],
  );
});

Deno.test("calendar - each problem names its field, a date off and worked is the extra day's", () => {
  assert.deepEqual(
    calendarProblems(calendar({
      startDate: "soon",
      workWeekdays: [],
      daysOff: ["2027-02-06", "later"],
      extraWorkDays: ["2027-02-06", "never"],
    })).map((p) => p.field),
    ["startDate", "daysOff", "extraWorkDays", "extraWorkDays", "workWeekdays"],
  );
  assert.deepEqual(calendarProblems(calendar()), []);
});

Deno.test("calendar - a calendar that runs out gives fewer dates, never loops", () => {
  const cal = calendar({
    workWeekdays: [],
    extraWorkDays: ["2027-02-06", "2027-02-07"],
  });
  assert.deepEqual(datesOfShootingDays(cal, 5), ["2027-02-06", "2027-02-07"]);
  assert.deepEqual(datesOfShootingDays(calendar({ startDate: "soon" }), 2), []);
  const slots = datesOfSlots(cal, calendarSlots(board([["1"], ["2"], ["3"]])));
  assert.deepEqual(slots.map((s) => s.date), [
    "2027-02-06",
    "2027-02-07",
    null,
  ]);
});

Deno.test("calendar - travel days and holidays take a date but are no shooting day", () => {
  // Day 1 on Friday 5 Feb; the travel day takes Monday; day 2 moves to Tuesday.
  const cal = calendar({ startDate: "2027-02-05" });
  const b = board([
    ["1"],
    [banner("t", "travel", [1]), "2"],
    ["3", banner("h", "holiday")],
    ["4"],
  ]);
  const dated = datesOfSlots(cal, calendarSlots(b));
  assert.deepEqual(
    dated.map((s) =>
      `${s.date} ${s.kind === "shoot" ? `day ${s.day + 1}` : s.banner.kind}`
    ),
    [
      "2027-02-05 day 1",
      "2027-02-08 travel",
      "2027-02-09 day 2",
      "2027-02-10 day 3",
      "2027-02-11 holiday",
      "2027-02-12 day 4",
    ],
  );
});

Deno.test("calendar - the production's time zone says which day is today", () => {
  const dates = datesOfShootingDays(calendar(), 3);
  const lateMonday = Date.UTC(2027, 1, 1, 23, 30); // 23:30 UTC, Monday
  assert.equal(todaysShootingDay(calendar(), dates, lateMonday), 1); // 00:30 Tue in Oslo
  assert.equal(
    todaysShootingDay(calendar({ timeZone: "UTC" }), dates, lateMonday),
    0,
  );
  assert.equal(
    todaysShootingDay(
      calendar({ timeZone: "America/Los_Angeles" }),
      dates,
      lateMonday,
    ),
    0,
  );
  assert.equal(todaysShootingDay(calendar(), dates, Date.UTC(2027, 2, 1)), -1);
});

Deno.test("calendar - dates do not shift with the zone: not the production's, not the machine's", async () => {
  const expected = datesOfShootingDays(calendar(), 10);
  for (const timeZone of ["Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
    assert.deepEqual(datesOfShootingDays(calendar({ timeZone }), 10), expected);
  }
  // A machine whose own clock is far east or far west of UTC: same dates.
  const module = new URL("./calendar.ts", import.meta.url).href;
  const testing = new URL("./testing.ts", import.meta.url).href;
  const code = `const { datesOfShootingDays } = await import(${
    JSON.stringify(module)
  }); const { calendar } = await import(${JSON.stringify(testing)});
    console.log(JSON.stringify(datesOfShootingDays(calendar(), 10)));`;
  const runs = ["Pacific/Kiritimati", "Pacific/Pago_Pago"].map((TZ) =>
    new Deno.Command(Deno.execPath(), {
      args: ["eval", code],
      cwd: new URL("../../", import.meta.url),
      env: { TZ },
      stdout: "piped",
      stderr: "piped",
    }).output()
  );
  for (const out of await Promise.all(runs)) {
    const err = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, err);
    assert.deepEqual(
      JSON.parse(new TextDecoder().decode(out.stdout)),
      expected,
    );
  }
});

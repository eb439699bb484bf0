import assert from "node:assert/strict";
import { dayOutOfDays, type DoodInput, type DoodRow } from "./dood.ts";
import { banner, board, calendar, strip, stripMap } from "./testing.ts";
import type { BannerItem, Strip } from "./shared.ts";

const CAST = [
  { castNumber: 1, name: "MARGIT" },
  { castNumber: 2, name: "BRAM" },
  { castNumber: 3, name: "IDA" },
  { castNumber: 4, name: "THE KEEPER" },
  { castNumber: 5, name: "OLD GULL" },
  { castNumber: 9, name: "NOBODY" },
];

/**
 * A schedule from a plan: each day's cast lists (one strip each), or a
 * banner row before or after them; day n is scene `d<n>`.
 */
function schedule(
  plan: (number[] | BannerItem)[][],
  over: Partial<DoodInput> = {},
): DoodInput {
  const strips: Strip[] = [];
  const days = plan.map((rows, d) =>
    rows.map((row, r) => {
      if (!Array.isArray(row)) return row;
      const key = `d${d + 1}.${r}`;
      strips.push(strip(key, row));
      return key;
    })
  );
  return {
    calendar: calendar(),
    board: board(days),
    strips: stripMap(strips),
    cast: CAST,
    ...over,
  };
}

function codesOf(rows: DoodRow[], castNumber: number): string {
  return rows.find((r) => r.castNumber === castNumber)!.codes
    .map((c) => c || ".").join(" ");
}

Deno.test("dood - single day SWF, consecutive SW W WF, holds SW H H WF, blank when not engaged", () => {
  const { columns, rows } = dayOutOfDays(schedule([
    [[2, 3]],
    [[1, 2]],
    [[2]],
    [[3]],
  ]));
  assert.deepEqual(columns.map((c) => `${c.date} ${c.kind} ${c.day}`), [
    "2027-02-01 shoot 1",
    "2027-02-02 shoot 2",
    "2027-02-03 shoot 3",
    "2027-02-04 shoot 4",
  ]);
  assert.equal(codesOf(rows, 1), ". SWF . .");
  assert.equal(codesOf(rows, 2), "SW W WF .");
  assert.equal(codesOf(rows, 3), "SW H H WF");
  assert.equal(codesOf(rows, 9), ". . . .");
  // Every cast member has a row, in cast-number order.
  assert.deepEqual(rows.map((r) => r.castNumber), [1, 2, 3, 4, 5, 9]);
});

Deno.test("dood - weekends and holidays between work days are no holds", () => {
  const fridayStart = calendar({ startDate: "2027-02-05" });
  const weekend = dayOutOfDays(
    schedule([[[3]], [[3]]], { calendar: fridayStart }),
  );
  assert.deepEqual(weekend.columns.map((c) => c.kind), [
    "shoot",
    "off",
    "off",
    "shoot",
  ]);
  assert.equal(codesOf(weekend.rows, 3), "SW . . WF");
  // A holiday banner is a company day off; a company travel day is held.
  const { columns, rows } = dayOutOfDays(schedule([
    [[3]],
    [banner("h", "holiday"), [2]],
    [banner("t", "travel", [2]), [2]],
    [[3]],
  ]));
  assert.deepEqual(columns.map((c) => c.kind), [
    "shoot",
    "holiday",
    "shoot",
    "travel",
    "shoot",
    "off",
    "off",
    "shoot",
  ]);
  assert.equal(codesOf(rows, 3), "SW . H H H . . WF");
  assert.equal(codesOf(rows, 2), ". . SW T WF . . .");
});

Deno.test("dood - travel: T SW … WF T from banners that name the member", () => {
  const { rows } = dayOutOfDays(schedule([
    [banner("out", "travel", [4]), [4, 1]],
    [[1]],
    [[4], banner("home", "travel", [4])],
  ]));
  assert.equal(codesOf(rows, 4), "T SW H WF T");
  assert.equal(codesOf(rows, 1), ". SW WF . .");
  const keeper = rows.find((r) => r.castNumber === 4)!;
  assert.deepEqual(keeper.totals, {
    work: 2,
    hold: 1,
    travel: 2,
    idle: 0,
    pickups: 0,
    first: "2027-02-02",
    last: "2027-02-04",
  });
});

Deno.test("dood - travel from the per-cast list, even on a day off outside the shoot", () => {
  const { columns, rows } = dayOutOfDays(schedule([[[5]], [[5]]], {
    travel: [{ castNumber: 5, date: "2027-01-31" }], // the Sunday before
  }));
  assert.deepEqual(columns.map((c) => `${c.date} ${c.kind}`), [
    "2027-01-31 off",
    "2027-02-01 shoot",
    "2027-02-02 shoot",
  ]);
  assert.equal(codesOf(rows, 5), "T SW WF");
  assert.equal(codesOf(rows, 1), ". . .");
  // A travel entry that is no date is ignored rather than stretching the report.
  const odd = dayOutOfDays(schedule([[[5]]], {
    travel: [{ castNumber: 5, date: "soon" }],
  }));
  assert.equal(odd.columns.length, 1);
});

// Twelve shooting days, 1–16 Feb 2027 (Mon–Fri): day n is date column n.
const TWELVE = (cast: Record<number, number[]>) =>
  Array.from({ length: 12 }, (_, i) => [cast[i + 1] ?? []]);

Deno.test("dood - a long gap is held by default: W H … H W, weekends blank", () => {
  const { columns, rows } = dayOutOfDays(
    schedule(TWELVE({ 1: [5], 2: [5], 11: [5], 12: [5] })),
  );
  assert.equal(columns.length, 16);
  assert.equal(
    codesOf(rows, 5),
    "SW W H H H . . H H H H H . . W WF",
  );
  const totals = rows.find((r) => r.castNumber === 5)!.totals;
  assert.deepEqual(totals, {
    work: 4,
    hold: 8,
    travel: 0,
    idle: 4,
    pickups: 0,
    first: "2027-02-01",
    last: "2027-02-16",
  });
});

Deno.test("dood - drop/pick-up past the threshold: WF, blank idle days, PW", () => {
  const plan = TWELVE({ 1: [5], 2: [5], 11: [5], 12: [5] });
  // 2 Feb → 15 Feb is 13 calendar days.
  const dropped = dayOutOfDays(
    schedule(plan, { options: { dropPickupAfterDays: 12 } }),
  );
  assert.equal(
    codesOf(dropped.rows, 5),
    "SW WF . . . . . . . . . . . . PW WF",
  );
  const totals = dropped.rows.find((r) => r.castNumber === 5)!.totals;
  assert.deepEqual(totals, {
    work: 4,
    hold: 0,
    travel: 0,
    idle: 12,
    pickups: 1,
    first: "2027-02-01",
    last: "2027-02-16",
  });
  // Exactly the threshold is not past it: held.
  const held = dayOutOfDays(
    schedule(plan, { options: { dropPickupAfterDays: 13 } }),
  );
  assert.equal(codesOf(held.rows, 5), "SW W H H H . . H H H H H . . W WF");
});

Deno.test("dood - drops per member are capped (one by default); the first gap drops", () => {
  // Work on 1, 8 and 16 Feb: gaps of 7 and 8 days.
  const plan = TWELVE({ 1: [5], 6: [5], 12: [5] });
  const once = dayOutOfDays(
    schedule(plan, { options: { dropPickupAfterDays: 5 } }),
  );
  assert.equal(codesOf(once.rows, 5), "SWF . . . . . . PW H H H H . . H WF");
  const twice = dayOutOfDays(
    schedule(plan, {
      options: { dropPickupAfterDays: 5, maxDropsPerMember: 2 },
    }),
  );
  assert.equal(codesOf(twice.rows, 5), "SWF . . . . . . PWF . . . . . . . PWF");
  assert.equal(twice.rows.find((r) => r.castNumber === 5)!.totals.pickups, 2);
});

Deno.test("dood - totals: work, hold, travel and idle fill the span exactly", () => {
  const { columns, rows } = dayOutOfDays(schedule([
    [banner("out", "travel", [3]), [3]],
    [[1]],
    [banner("h", "holiday"), [3]],
    [[1]],
    [[1]],
    [[3]],
  ]));
  for (const row of rows.filter((r) => r.totals.first !== null)) {
    const span = columns.filter((c) =>
      c.date >= row.totals.first! && c.date <= row.totals.last!
    );
    const inSpanTravel = span.filter((c) =>
      row.codes[columns.indexOf(c)] === "T"
    ).length;
    const t = row.totals;
    assert.equal(t.work + t.hold + t.idle + inSpanTravel, span.length);
  }
  const ida = rows.find((r) => r.castNumber === 3)!;
  assert.equal(codesOf(rows, 3), "T SW H . W . . H H WF");
  assert.deepEqual(
    [ida.totals.work, ida.totals.hold, ida.totals.travel, ida.totals.idle],
    [3, 3, 1, 3],
  );
});

Deno.test("dood - omitted strips and the boneyard are no work", () => {
  const input = schedule([[[1]], [[2]]]);
  const strips = new Map(input.strips);
  strips.set("d2.0", { ...strips.get("d2.0")!, omitted: true });
  strips.set("bone", strip("bone", [3]));
  const { rows } = dayOutOfDays({
    ...input,
    strips,
    board: { ...input.board, boneyard: ["bone"] },
  });
  assert.equal(codesOf(rows, 2), ". .");
  assert.equal(codesOf(rows, 3), ". .");
  assert.equal(codesOf(rows, 1), "SWF .");
});

Deno.test("dood - an empty schedule has no columns and blank rows", () => {
  const { columns, rows } = dayOutOfDays(schedule([]));
  assert.deepEqual(columns, []);
  assert.deepEqual(rows[0].totals, {
    work: 0,
    hold: 0,
    travel: 0,
    idle: 0,
    pickups: 0,
    first: null,
    last: null,
  });
});

/**
 * The day out of days as CSV, through the product's one CSV writer
 * (lib/csv.ts): two header rows (the dates, then weekday and what the day
 * is), a row per cast member with a code per date, then the totals.
 *
 * @module
 */
import { BOM, encodeCsv, safeText } from "@/lib/csv.ts";
import { WEEKDAY_SHORT, weekdayOf } from "./calendar.ts";
import type { DayOutOfDays, DoodColumn } from "./dood.ts";

/** The totals' headers, after the dates. */
export const DOOD_TOTAL_COLUMNS = [
  "Work",
  "Hold",
  "Travel",
  "Idle",
  "Pick-ups",
  "Start",
  "Finish",
] as const;

/** "Mon Day 3", "Sat Off", "Tue Travel", "Fri Holiday". */
export function columnLabel(column: DoodColumn): string {
  const what = column.kind === "shoot"
    ? `Day ${column.day}`
    : { travel: "Travel", holiday: "Holiday", off: "Off" }[column.kind];
  return `${WEEKDAY_SHORT[weekdayOf(column.date)]} ${what}`;
}

/**
 * The report as CSV text with a BOM. Names pass through `safeText` (people
 * typed them); dates, codes and counts are ours.
 *
 * @example
 * ```ts
 * doodCsv(dayOutOfDays(input)); // "\uFEFFCast #,Cast,2027-02-01,…"
 * ```
 */
export function doodCsv(dood: DayOutOfDays): string {
  const blanks = DOOD_TOTAL_COLUMNS.map(() => "");
  const rows: string[][] = [
    [
      "Cast #",
      "Cast",
      ...dood.columns.map((c) => c.date),
      ...DOOD_TOTAL_COLUMNS,
    ],
    ["", "", ...dood.columns.map(columnLabel), ...blanks],
  ];
  for (const row of dood.rows) {
    const t = row.totals;
    rows.push([
      String(row.castNumber),
      safeText(row.name),
      ...row.codes,
      ...[t.work, t.hold, t.travel, t.idle, t.pickups].map(String),
      t.first ?? "",
      t.last ?? "",
    ]);
  }
  return BOM + encodeCsv(rows);
}

/** `day-out-of-days-<slug>.csv`. */
export function doodFilename(slug: string): string {
  return `day-out-of-days-${slug}.csv`;
}

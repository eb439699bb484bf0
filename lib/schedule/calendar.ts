/**
 * The production calendar: pure, browser-safe date arithmetic on calendar
 * dates (`YYYY-MM-DD`). Dates are days, not instants: they are computed in
 * UTC arithmetic and never shifted by a time zone; the production's zone
 * only says which date is *today* for it.
 *
 * The rules: a date is a working date when it is on or after the start
 * date and either its weekday is worked or it is listed as an extra working
 * day — unless it is listed as a day off (days off win; `validateCalendar`
 * reports a date listed as both). Shooting days, travel days and holidays
 * on the board each take the next working date in board order
 * (days.ts `calendarSlots`): a travel day or holiday takes a date but is
 * not a shooting day, so the shooting days after it move one date later.
 *
 * @module
 */
import { isTimeZone, todayIn } from "@/lib/format.ts";
import type { CalendarSlot } from "./days.ts";
import {
  MAX_CALENDAR_SPAN_DAYS,
  type ProductionCalendar,
  type Weekday,
} from "./shared.ts";

/** Monday to Friday. */
export const DEFAULT_WORK_WEEKDAYS: readonly Weekday[] = Object.freeze([
  1,
  2,
  3,
  4,
  5,
]);

/** Short month names, January first (index 0). */
export const MONTH_SHORT: readonly string[] = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** Short weekday names, ISO order (index 1 is Monday). */
export const WEEKDAY_SHORT = [
  "",
  "Mon",
  "Tue",
  "Wed",
  "Thu",
  "Fri",
  "Sat",
  "Sun",
];

/** A production's calendar before it sets one: its start, Monday–Friday. */
export function defaultCalendar(
  production: { startDate: string; timeZone: string },
): ProductionCalendar {
  return {
    startDate: production.startDate,
    workWeekdays: [...DEFAULT_WORK_WEEKDAYS],
    daysOff: [],
    extraWorkDays: [],
    timeZone: production.timeZone,
  };
}

const DAY_MS = 86_400_000;

function epochDay(date: string): number {
  return Date.UTC(
    +date.slice(0, 4),
    +date.slice(5, 7) - 1,
    +date.slice(8, 10),
  ) /
    DAY_MS;
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    fromEpochDay(epochDay(value)) === value;
}

/** `date` plus `days` (negative to go back): `addDays("2027-02-26", 3)` is "2027-03-01". */
export function addDays(date: string, days: number): string {
  return fromEpochDay(epochDay(date) + days);
}

/** Days from `a` to `b`: `daysBetween("2027-02-01", "2027-02-12")` is 11. */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/** The ISO weekday of a date: 1 Monday … 7 Sunday. */
export function weekdayOf(date: string): Weekday {
  return (((epochDay(date) % 7) + 10) % 7 + 1) as Weekday; // 1970-01-01 was a Thursday
}

/** A test of "is this a working date" for one calendar (sets built once). */
export function workingDateTest(
  calendar: ProductionCalendar,
): (date: string) => boolean {
  const weekdays = new Set<number>(calendar.workWeekdays);
  const off = new Set(calendar.daysOff);
  const extra = new Set(calendar.extraWorkDays);
  return (date) =>
    date >= calendar.startDate && !off.has(date) &&
    (weekdays.has(weekdayOf(date)) || extra.has(date));
}

/**
 * The first `count` working dates from the start date on. Fewer only when
 * the calendar has no more working dates within
 * {@linkcode MAX_CALENDAR_SPAN_DAYS} of the start (no weekday worked and
 * the extra days used up), none when the start is no date;
 * `validateCalendar` reports such a calendar.
 */
export function workingDates(
  calendar: ProductionCalendar,
  count: number,
): string[] {
  const dates: string[] = [];
  if (!isIsoDate(calendar.startDate)) return dates;
  const isWorking = workingDateTest(calendar);
  for (let i = 0; dates.length < count && i < MAX_CALENDAR_SPAN_DAYS; i++) {
    const date = addDays(calendar.startDate, i);
    if (isWorking(date)) dates.push(date);
  }
  return dates;
}

/**
 * The dates of `dayCount` shooting days with no banner taking a date:
 * the first working dates. With travel days or holidays on the board use
 * {@linkcode datesOfSlots}.
 *
 * @example
 * ```ts
 * // Starting Saturday 30 Jan 2027, Monday–Friday:
 * datesOfShootingDays(calendar, 2); // ["2027-02-01", "2027-02-02"]
 * ```
 */
export function datesOfShootingDays(
  calendar: ProductionCalendar,
  dayCount: number,
): string[] {
  return workingDates(calendar, dayCount);
}

/** A calendar slot with its date (null when the calendar ran out). */
export type DatedSlot = CalendarSlot & { date: string | null };

/** Each slot (shooting day, travel day, holiday) with the next working date. */
export function datesOfSlots(
  calendar: ProductionCalendar,
  slots: readonly CalendarSlot[],
): DatedSlot[] {
  const dates = workingDates(calendar, slots.length);
  return slots.map((slot, i) => ({ ...slot, date: dates[i] ?? null }));
}

/**
 * The 0-based shooting day whose date is today in the calendar's zone, or
 * -1: at 23:30 in Oslo it is still that day there, whatever UTC says.
 */
export function todaysShootingDay(
  calendar: Pick<ProductionCalendar, "timeZone">,
  shootingDates: readonly (string | null)[],
  now: Date | number = Date.now(),
): number {
  return shootingDates.indexOf(todayIn(calendar.timeZone, now));
}

/** One problem of a calendar: the field it concerns and a sentence. */
export interface CalendarProblem {
  field:
    | "startDate"
    | "timeZone"
    | "workWeekdays"
    | "daysOff"
    | "extraWorkDays";
  message: string;
}

/**
 * What is wrong with a calendar, each problem with its field (a form
 * shows it there); empty when nothing is. A date listed both as a day off
 * and as an extra working day is the extra day's problem.
 */
export function calendarProblems(
  calendar: ProductionCalendar,
): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isIsoDate(calendar.startDate)) {
    problems.push({
      field: "startDate",
      message: `The start date ${calendar.startDate} is not a date`,
    });
  }
  if (!isTimeZone(calendar.timeZone)) {
    problems.push({
      field: "timeZone",
      message: `Unknown time zone ${calendar.timeZone}`,
    });
  }
  for (const field of ["daysOff", "extraWorkDays"] as const) {
    for (const d of calendar[field].filter((d) => !isIsoDate(d))) {
      problems.push({ field, message: `${d} is not a date` });
    }
  }
  const off = new Set(calendar.daysOff);
  for (const d of calendar.extraWorkDays.filter((d) => off.has(d))) {
    problems.push({
      field: "extraWorkDays",
      message: `${d} is both a day off and an extra working day`,
    });
  }
  if (calendar.workWeekdays.length === 0) {
    problems.push({
      field: "workWeekdays",
      message: "No weekday is a working day",
    });
  }
  return problems;
}

/** What is wrong with a calendar, as sentences; empty when nothing is. */
export function validateCalendar(calendar: ProductionCalendar): string[] {
  return calendarProblems(calendar).map((p) => p.message);
}

/**
 * The product's one way to show dates and times: British English day-month
 * order ("1 Feb 2027"), a 24-hour clock, in the production's time zone.
 * Dependency-free and browser-safe, so a server render and its hydrated
 * island print the same text.
 *
 * Calendar dates (`YYYY-MM-DD`: due dates, expense dates, shoot dates) are
 * days, not instants: they are printed as they are, never shifted by a zone.
 * Timestamps (ISO strings with a time, epoch milliseconds) are printed in
 * the given zone.
 *
 * @example
 * ```ts
 * formatDate("2027-02-01"); // "1 Feb 2027"
 * formatDateTime("2027-02-01T13:05:00Z", "Europe/Oslo"); // "1 Feb 2027, 14:05"
 * ```
 *
 * @module
 */

/** The product's locale: day-month order, 24-hour clock. */
export const LOCALE = "en-GB";

/** The zone used when none is given (a production always gives one). */
export const DEFAULT_TIME_ZONE = "UTC";

/** A date, a timestamp (ISO string) or epoch milliseconds. */
export type DateInput = string | number | Date;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(
  kind: "date" | "shortDate" | "time" | "timeSeconds" | "dateTime" | "parts",
  timeZone: string,
): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = formats.get(key);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions = { timeZone, hourCycle: "h23" };
    if (kind !== "time" && kind !== "timeSeconds") {
      options.day = "numeric";
      options.month = "short";
    }
    if (kind === "date" || kind === "dateTime") options.year = "numeric";
    if (kind === "time" || kind === "timeSeconds" || kind === "dateTime") {
      options.hour = "2-digit";
      options.minute = "2-digit";
    }
    if (kind === "timeSeconds") options.second = "2-digit";
    if (kind === "parts") {
      options.year = "numeric";
      options.month = "2-digit";
      options.day = "2-digit";
    }
    format = new Intl.DateTimeFormat(LOCALE, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * Zones already found known. Only known ones are kept, so the set is bounded
 * by the runtime's zone list however many bad names are tried.
 */
const knownZones = new Set<string>();

/**
 * Whether `timeZone` is an IANA zone this runtime knows ("Europe/Oslo").
 * Remembered once known: building a formatter to ask costs tens of µs, and
 * every request parses its production record through this check.
 */
export function isTimeZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
  } catch {
    return false;
  }
  knownZones.add(timeZone);
  return true;
}

/** A calendar date is read as midnight UTC and printed in UTC: no shift. */
function resolve(value: DateInput, timeZone: string): [Date, string] {
  if (typeof value === "string" && DATE_ONLY.test(value)) {
    return [new Date(`${value}T00:00:00Z`), "UTC"];
  }
  return [value instanceof Date ? value : new Date(value), timeZone];
}

/** "1 Feb 2027". */
export function formatDate(
  value: DateInput,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  const [date, zone] = resolve(value, timeZone);
  return formatter("date", zone).format(date);
}

/** "1 Feb 2027, 14:05". */
export function formatDateTime(
  value: DateInput,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  const [date, zone] = resolve(value, timeZone);
  return formatter("dateTime", zone).format(date);
}

/** "14:05", or "14:05:09" with `seconds`. */
export function formatTime(
  value: DateInput,
  timeZone: string = DEFAULT_TIME_ZONE,
  { seconds = false }: { seconds?: boolean } = {},
): string {
  const [date, zone] = resolve(value, timeZone);
  return formatter(seconds ? "timeSeconds" : "time", zone).format(date);
}

/**
 * "20 Nov" within the current year (as seen in `timeZone` at `now`),
 * "20 Nov 2025" otherwise: short where the year goes without saying.
 */
export function formatShortDate(
  value: DateInput,
  timeZone: string = DEFAULT_TIME_ZONE,
  now: DateInput = Date.now(),
): string {
  const [date, zone] = resolve(value, timeZone);
  const sameYear = dayOf(date, zone).slice(0, 4) ===
    todayIn(timeZone, now).slice(0, 4);
  return formatter(sameYear ? "shortDate" : "date", zone).format(date);
}

/** The calendar day (`YYYY-MM-DD`) that `now` falls on in `timeZone`. */
export function todayIn(
  timeZone: string = DEFAULT_TIME_ZONE,
  now: DateInput = Date.now(),
): string {
  const [date, zone] = resolve(now, timeZone);
  return dayOf(date, zone);
}

function dayOf(date: Date, timeZone: string): string {
  const parts = formatter("parts", timeZone).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * Whether a calendar date (`YYYY-MM-DD`) is before today in `timeZone`:
 * a task due today is not overdue yet.
 */
export function isPastDate(
  day: string,
  timeZone: string = DEFAULT_TIME_ZONE,
  now: DateInput = Date.now(),
): boolean {
  return day < todayIn(timeZone, now);
}

/**
 * When a feed line happened, in the production's zone: "14:05" today,
 * "3 Feb, 14:05" on another day (with the year when not this year).
 */
export function activityTime(
  ts: number,
  timeZone: string,
  now: number = Date.now(),
): string {
  const time = formatTime(ts, timeZone);
  return todayIn(timeZone, ts) === todayIn(timeZone, now)
    ? time
    : `${formatShortDate(ts, timeZone, now)}, ${time}`;
}

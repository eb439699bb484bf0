/**
 * Shooting days from a board: pure and browser-safe. The rule: **a day
 * break ends a shooting day** — even an empty one, so the assistant
 * director can add a day and fill it — and rows after the last day break
 * form one more (open) day when they hold a strip. Per day: its strips,
 * banners, page count, estimated time and cast.
 *
 * @module
 */
import { formatEighths } from "@/lib/script/breakdown.ts";
import {
  BANNER_TAKES_DATE,
  type BannerItem,
  type ScheduleBoard,
  type Strip,
  type StripItem,
} from "./shared.ts";

/**
 * Minutes of shooting per eighth of a page when the production sets none:
 * 15, i.e. two hours a page, five pages in a ten-hour shooting day (a
 * twelve-hour day less the meal and moves). That is the usual rule of
 * thumb for an independent feature or a long-form TV day; studio features
 * shoot slower (2–3 pages a day) and episodic TV faster (7–8), which is why
 * the production sets its own.
 */
export const DEFAULT_MINUTES_PER_EIGHTH = 15;

/** A row of a day: a strip or a banner. */
export type DayRow = StripItem | BannerItem;

/** One shooting day's place on the board. */
export interface DaySegment {
  /** 0-based, in shooting order. */
  index: number;
  /** The day break that ends it; null for the open last day. */
  breakId: string | null;
  rows: DayRow[];
  /** Where each row stands in `board.items`. */
  positions: number[];
  /** Where the day break stands (or would: the end of the board). */
  end: number;
}

/** The board split into days, and the banners after the last day. */
export interface BoardDays {
  days: DaySegment[];
  /** Banners after the last day break when no strip follows them. */
  after: BannerItem[];
}

/** The 1-based shooting day of every scheduled scene (not the boneyard's). */
export function sceneDays(board: ScheduleBoard): Map<string, number> {
  const out = new Map<string, number>();
  for (const day of splitDays(board).days) {
    for (const row of day.rows) {
      if (row.type === "strip") out.set(row.sceneKey, day.index + 1);
    }
  }
  return out;
}

/** Splits a board into shooting days (a day break ends a day). */
export function splitDays(board: ScheduleBoard): BoardDays {
  const days: DaySegment[] = [];
  let rows: DayRow[] = [];
  let positions: number[] = [];
  for (const [at, item] of board.items.entries()) {
    if (item.type === "day_break") {
      days.push({
        index: days.length,
        breakId: item.id,
        rows,
        positions,
        end: at,
      });
      rows = [];
      positions = [];
    } else {
      rows.push(item);
      positions.push(at);
    }
  }
  if (!rows.some((r) => r.type === "strip")) {
    return { days, after: rows as BannerItem[] };
  }
  const end = board.items.length;
  days.push({ index: days.length, breakId: null, rows, positions, end });
  return { days, after: [] };
}

/** A shooting day with its figures. */
export interface ShootingDay {
  /** 1-based: "Day 3". */
  number: number;
  breakId: string | null;
  /** Its strips in order, omitted ones included (the board flags them). */
  strips: Strip[];
  banners: BannerItem[];
  /** Eighths of the strips that will be shot (omitted ones left out). */
  eighths: number;
  /** "4 3/8". */
  pages: string;
  /** Estimated shooting time, in minutes. */
  minutes: number;
  /** Cast numbers called, ascending (from the strips that will be shot). */
  castIds: number[];
  /** Strips on the day whose scene was omitted. */
  omitted: number;
}

/**
 * The shooting days of a board with their totals. Strips the board names
 * but `strips` does not know are skipped (moves.ts `validateBoard` reports
 * them).
 */
export function shootingDays(
  board: ScheduleBoard,
  strips: ReadonlyMap<string, Strip>,
  minutesPerEighth: number = DEFAULT_MINUTES_PER_EIGHTH,
): ShootingDay[] {
  return splitDays(board).days.map((day) => {
    const list: Strip[] = [];
    const banners: BannerItem[] = [];
    for (const row of day.rows) {
      if (row.type === "banner") banners.push(row);
      else {
        const strip = strips.get(row.sceneKey);
        if (strip !== undefined) list.push(strip);
      }
    }
    const shot = list.filter((s) => !s.omitted);
    const eighths = shot.reduce((n, s) => n + s.eighths, 0);
    const cast = new Set(shot.flatMap((s) => s.castIds));
    return {
      number: day.index + 1,
      breakId: day.breakId,
      strips: list,
      banners,
      eighths,
      pages: formatEighths(eighths),
      minutes: estimateMinutes(eighths, minutesPerEighth),
      castIds: [...cast].sort((a, b) => a - b),
      omitted: list.length - shot.length,
    };
  });
}

/** Estimated shooting time of `eighths` at `minutesPerEighth`. */
export function estimateMinutes(
  eighths: number,
  minutesPerEighth: number = DEFAULT_MINUTES_PER_EIGHTH,
): number {
  return eighths * minutesPerEighth;
}

/**
 * Minutes as a day break prints them.
 *
 * @example
 * ```ts
 * formatDuration(405); // "6 h 45 min"
 * formatDuration(45); // "45 min"
 * formatDuration(120); // "2 h"
 * ```
 */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** One entry of the schedule that takes a calendar date. */
export type CalendarSlot =
  | { kind: "shoot"; day: number }
  | { kind: "banner"; banner: BannerItem };

/**
 * The schedule's dated entries in order: each shooting day, and each
 * banner that takes a date (travel day, holiday). **The rule:** such a
 * banner takes its date before its shooting day when no strip of that day
 * stands before it, else after the day; banners after the last day come
 * last. Shooting days count 0-based (`day`).
 */
export function calendarSlots(board: ScheduleBoard): CalendarSlot[] {
  const { days, after } = splitDays(board);
  const slots: CalendarSlot[] = [];
  const dated = (row: DayRow): row is BannerItem =>
    row.type === "banner" && BANNER_TAKES_DATE[row.kind];
  for (const day of days) {
    const first = day.rows.findIndex((r) => r.type === "strip");
    const cut = first === -1 ? day.rows.length : first;
    for (const row of day.rows.slice(0, cut).filter(dated)) {
      slots.push({ kind: "banner", banner: row });
    }
    slots.push({ kind: "shoot", day: day.index });
    for (const row of day.rows.slice(cut).filter(dated)) {
      slots.push({ kind: "banner", banner: row });
    }
  }
  for (const banner of after.filter(dated)) {
    slots.push({ kind: "banner", banner });
  }
  return slots;
}

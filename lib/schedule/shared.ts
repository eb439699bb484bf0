/**
 * Scheduling (issue #14), browser-safe: the stripboard's vocabulary and
 * wire types — strips, day/night and the strip colours (colors.ts,
 * re-exported here), banners, the board (an
 * ordered list of strips, day breaks and banners, plus the boneyard), the
 * production calendar, day-out-of-days codes — and the limits. No zod and
 * nothing server-only: islands import this file.
 *
 * @module
 */
import type { SceneSetting } from "@/lib/script/shared.ts";
import type { DayNight } from "./colors.ts";
export * from "./colors.ts";

/** One strip: a scene of the current draft as the stripboard shows it. */
export interface Strip {
  /** The scene's identity across drafts: what the board stores. */
  sceneKey: string;
  /** The scene record of the current draft (its breakdown page). */
  sceneId: string;
  scriptId: string;
  /** The `#n#` scene number, or null. */
  number: string | null;
  setting: SceneSetting | null;
  dayNight: DayNight;
  /** The set: the heading's location ("LIGHTHOUSE - KITCHEN"). */
  set: string;
  /** Cast numbers of the scene's cast elements, ascending. */
  castIds: number[];
  /** Cast tags without a numbered element yet (shown by name). */
  unnumberedCast: string[];
  /** Page length in eighths. */
  eighths: number;
  /** The first action line, cut to {@linkcode MAX_SYNOPSIS_LENGTH}. */
  synopsis: string;
  /** The scene is omitted: it leaves the shoot, the board flags it. */
  omitted: boolean;
}

/** Longest synopsis on a strip, in characters (one printed line). */
export const MAX_SYNOPSIS_LENGTH = 80;

/**
 * Banners on the board. Travel days and holidays take a calendar date of
 * their own (calendar.ts); a company move (to the next location within a
 * shooting day) and other notes take none.
 */
export const BANNER_KINDS = [
  "travel",
  "holiday",
  "company_move",
  "other",
] as const;

/** What a banner marks. */
export type BannerKind = typeof BANNER_KINDS[number];

/** Human labels of the banner kinds. */
export const BANNER_LABELS: Record<BannerKind, string> = {
  travel: "Travel day",
  holiday: "Holiday",
  company_move: "Company move",
  other: "Note",
};

/** Whether a banner of the kind takes a calendar date (no shooting on it). */
export const BANNER_TAKES_DATE: Record<BannerKind, boolean> = {
  travel: true,
  holiday: true,
  company_move: false,
  other: false,
};

/** A strip on the board: the scene it stands for. */
export interface StripItem {
  type: "strip";
  sceneKey: string;
}

/** The end of a shooting day. */
export interface DayBreakItem {
  type: "day_break";
  id: string;
}

/** A banner: travel day, holiday, company move or a note. */
export interface BannerItem {
  type: "banner";
  id: string;
  kind: BannerKind;
  /** Free text ("Fly to Bodø"); may be empty but for `other`. */
  text: string;
  /** Travel days: the cast numbers who travel (T in the day out of days). */
  castIds: number[];
}

/** One row of the board. */
export type BoardItem = StripItem | DayBreakItem | BannerItem;

/**
 * The stripboard: the scheduled rows in shooting order (a day break ends a
 * shooting day, days.ts) and the boneyard, the unscheduled scenes' keys.
 */
export interface ScheduleBoard {
  items: BoardItem[];
  boneyard: string[];
}

/** Where a move puts a strip: a day (0-based) and a row in it, or the boneyard. */
export type StripTarget =
  | { day: number; index: number }
  | { boneyard: true; index?: number };

/** ISO weekdays: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The production calendar: which dates the company works. */
export interface ProductionCalendar {
  /** `YYYY-MM-DD`: the first date the shoot may use. */
  startDate: string;
  /** The weekdays worked (default Monday–Friday). */
  workWeekdays: Weekday[];
  /** Dates not worked though their weekday is (public holidays…). */
  daysOff: string[];
  /** Dates worked though their weekday is not (a Saturday pick-up…). */
  extraWorkDays: string[];
  /** IANA zone: whose "today" it is. Dates themselves never shift. */
  timeZone: string;
}

/** Day-out-of-days codes, as the industry prints them. */
export const DOOD_CODES = [
  "SW",
  "W",
  "WF",
  "SWF",
  "PW",
  "PWF",
  "H",
  "T",
  "",
] as const;

/** One cell of the day out of days. */
export type DoodCode = typeof DOOD_CODES[number];

/** What each code means (legend of the printed report). */
export const DOOD_CODE_LABELS: Record<DoodCode, string> = {
  SW: "Start work",
  W: "Work",
  WF: "Work finish (or dropped)",
  SWF: "Start, work and finish on one day",
  PW: "Picked up after a drop",
  PWF: "Picked up and finished on one day",
  H: "Hold",
  T: "Travel",
  "": "Not engaged",
};

/** Longest banner text, in characters. */
export const MAX_BANNER_TEXT = 200;
/** Most rows on a board (strips, day breaks and banners). */
export const MAX_BOARD_ITEMS = 5000;
/** Most shooting days a schedule may hold. */
export const MAX_SHOOTING_DAYS = 500;
/** Longest stretch the calendar looks ahead for working dates (10 years). */
export const MAX_CALENDAR_SPAN_DAYS = 3660;
/** Most explicit days off or extra working days a calendar lists. */
export const MAX_CALENDAR_DATES = 1000;
/** Fewest and most minutes per eighth a production may set. */
export const MIN_MINUTES_PER_EIGHTH = 1;
/** Fewest and most minutes per eighth a production may set. */
export const MAX_MINUTES_PER_EIGHTH = 120;

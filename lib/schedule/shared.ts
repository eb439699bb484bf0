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
import type { DayNight, StripColors } from "./colors.ts";
import type { BoardOp } from "./ops.ts";
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

/** Longest name of a saved schedule version ("White — locked 2027-02-01"). */
export const MAX_VERSION_NAME = 120;
/** Most saved versions a production keeps. */
export const MAX_SCHEDULE_VERSIONS = 100;
/** Longest id a client gives a banner it adds. */
export const MAX_ROW_ID_LENGTH = 64;

/**
 * How a production schedules (one record, edited by the production
 * office): its calendar, minutes per eighth, strip colours and the day out
 * of days' drop/pick-up rule. The time zone is the production's own.
 */
export interface ScheduleSettings {
  version: number;
  /** `YYYY-MM-DD`: the first date the shoot may use. */
  startDate: string;
  workWeekdays: Weekday[];
  daysOff: string[];
  extraWorkDays: string[];
  minutesPerEighth: number;
  stripColors: StripColors;
  /** Drop and pick up past this many calendar days; null: always hold. */
  dropPickupAfterDays: number | null;
  maxDropsPerMember: number;
}

/** A saved version of the schedule, without its board. */
export interface ScheduleVersionMeta {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  /** The shooting schedule: at most one version is locked. */
  locked: boolean;
  lockedAt: string | null;
  lockedByName: string | null;
  /** Scheduled strips and shooting days when it was saved. */
  scheduled: number;
  days: number;
}

/** One shooting day as the schedule's API sends it. */
export interface ScheduleDayView {
  /** 1-based. */
  number: number;
  /** Its calendar date, or null past the calendar's reach. */
  date: string | null;
  breakId: string | null;
  /** The day's rows in order: strips by scene key, banners whole. */
  rows: ({ type: "strip"; sceneKey: string } | BannerItem)[];
  eighths: number;
  pages: string;
  minutes: number;
  castIds: number[];
  omitted: number;
}

/** A cast member as the board names them: number and name. */
export interface CastEntry {
  castNumber: number;
  name: string;
  elementId: string;
}

/**
 * `GET /api/p/:slug/schedule`: the working board (or a saved version's),
 * made valid against the current draft, with every strip it names, its
 * days and dates, the settings and the versions.
 */
export interface ScheduleView {
  /** The working board's version (0 before its first edit). */
  version: number;
  /** Which board this is: the working one, or a saved version's id. */
  versionId: string | null;
  board: ScheduleBoard;
  /** Every scene of the current drafts, in script order. */
  strips: Strip[];
  days: ScheduleDayView[];
  cast: CastEntry[];
  settings: ScheduleSettings;
  timeZone: string;
  versions: ScheduleVersionMeta[];
  /** Scheduled strips whose scene the current draft omits. */
  omittedKeys: string[];
  /** Boneyard strips new since the board last saw the script. */
  newKeys: string[];
  /** Whether the viewer may edit and lock. */
  canEdit: boolean;
}

/** `schedule_update` event data. */
export type ScheduleUpdateData =
  | {
    action: "board";
    /** The board's version after the op. */
    version: number;
    op: BoardOp;
    /** The client's id for its op: it recognises its own echo. */
    opId: string | null;
    summary: string;
  }
  | { action: "settings"; settings: ScheduleSettings }
  | {
    action:
      | "version_saved"
      | "version_locked"
      | "version_unlocked"
      | "version_deleted";
    versionMeta: ScheduleVersionMeta;
  }
  | { action: "board_replaced"; version: number; summary: string };

/** One scene that stands on a different day in the second board. */
export interface SceneMove {
  sceneKey: string;
  number: string | null;
  set: string;
  /** 1-based day in the first board, or null for its boneyard. */
  from: number | null;
  to: number | null;
}

/** What changed from board `a` to board `b` (`GET /schedule/compare`). */
export interface BoardComparison {
  a: { id: string; name: string; days: number };
  b: { id: string; name: string; days: number };
  moves: SceneMove[];
}

/**
 * Call sheets (issue #14), browser-safe: one sheet per shooting day,
 * generated from the schedule and edited by the production office, then
 * published to the members it calls, who confirm receiving it. The record
 * and wire types, labels, limits and small formatting helpers. No zod and
 * nothing server-only: islands import this file.
 *
 * @module
 */
import {
  MONTH_SHORT,
  WEEKDAY_SHORT,
  weekdayOf,
} from "@/lib/schedule/calendar.ts";
import type { SceneSetting } from "@/lib/script/shared.ts";
import type { DayNight } from "@/lib/schedule/colors.ts";
import type { Role } from "@/lib/roles.ts";

/** A scene of the day, as the schedule had it when the sheet was made. */
export interface CallSheetScene {
  sceneKey: string;
  number: string | null;
  set: string;
  setting: SceneSetting | null;
  dayNight: DayNight;
  eighths: number;
  synopsis: string;
  castIds: number[];
}

/** A cast member called: their number and character, actor and times. */
export interface CastCall {
  castNumber: number;
  /** The character (the cast element's name). */
  character: string;
  /** The actor playing them: free text, empty until the office fills it. */
  actor: string;
  /** `HH:MM`: when they report (make-up, costume). */
  call: string;
  /** `HH:MM`: when they are wanted on set. */
  onSet: string;
  /** Pick-up, remarks. */
  note: string;
}

/** A member called: their own call time, or null for the general call. */
export interface CrewCall {
  userId: string;
  call: string | null;
}

/** A set of the day and where it is. */
export interface SetAddress {
  set: string;
  address: string;
}

/** One department's notes for the day. */
export interface DepartmentNote {
  department: string;
  text: string;
}

/** The nearest hospital (the safety block of every call sheet). */
export interface Hospital {
  name: string;
  address: string;
  phone: string;
}

/** The next shooting day, summarised at the foot of the sheet. */
export interface AdvanceDay {
  day: number;
  date: string | null;
  eighths: number;
  scenes: CallSheetScene[];
}

/** Where a sheet's scenes came from: the locked version, or the working board. */
export interface CallSheetSource {
  versionId: string | null;
  versionName: string | null;
}

/** A sheet is a draft until published; published stays published. */
export const CALL_SHEET_STATUSES = ["draft", "published"] as const;

/** Stored status. */
export type CallSheetStatus = typeof CALL_SHEET_STATUSES[number];

/** What a sheet shows as its state: a published sheet edited is "revised". */
export type CallSheetState = "draft" | "published" | "revised";

/** Labels of the states. */
export const CALL_SHEET_STATE_LABELS: Record<CallSheetState, string> = {
  draft: "Draft",
  published: "Published",
  revised: "Revised",
};

/** A call sheet as stored. */
export interface CallSheet {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The shooting day, 1-based: one sheet per day. */
  day: number;
  /** The day's date, or null past the calendar's reach. */
  date: string | null;
  /** Shooting days in the schedule when generated ("day 2 of 5"). */
  totalDays: number;
  source: CallSheetSource;
  status: CallSheetStatus;
  /** 0 for a draft; 1 once published; +1 for each edit after. */
  revision: number;
  publishedAt: string | null;
  /** When the current revision was made (after the first). */
  revisedAt: string | null;
  /** `HH:MM`: the general crew call. */
  generalCall: string;
  scenes: CallSheetScene[];
  cast: CastCall[];
  crew: CrewCall[];
  locations: SetAddress[];
  departmentNotes: DepartmentNote[];
  hospital: Hospital;
  weather: string;
  /** `HH:MM` or empty. */
  sunrise: string;
  sunset: string;
  /** General notes: safety, parking, catering. */
  notes: string;
  advance: AdvanceDay | null;
  createdBy: string;
}

/** The fields the production office edits (PATCH). */
export const EDITABLE_FIELDS = [
  "generalCall",
  "cast",
  "crew",
  "locations",
  "departmentNotes",
  "hospital",
  "weather",
  "sunrise",
  "sunset",
  "notes",
] as const;

/** An edit: any of the editable fields. */
export type CallSheetPatch = Partial<
  Pick<CallSheet, typeof EDITABLE_FIELDS[number]>
>;

/** A member on the sheet as everyone reads it: name, role, effective call. */
export interface CrewCallView {
  userId: string;
  name: string;
  role: Role | null;
  /** The time they are called (their own, or the general call). */
  call: string;
  /** Whether `call` is their own rather than the general call. */
  own: boolean;
}

/** A member's receipt of a revision. */
export interface Confirmation {
  userId: string;
  name: string;
  /** ISO timestamp. */
  at: string;
}

/** `GET /callsheets/:id`: the sheet and what the viewer may do with it. */
export interface CallSheetView {
  sheet: CallSheet;
  state: CallSheetState;
  productionTitle: string;
  timeZone: string;
  crew: CrewCallView[];
  /** Receipts of the current revision: management only (null for others). */
  confirmations: Confirmation[] | null;
  /** The viewer on this sheet: called or not, their call, their receipt. */
  mine: { called: boolean; call: string | null; confirmedAt: string | null };
  canEdit: boolean;
  canPublish: boolean;
  canConfirm: boolean;
}

/** One sheet in the list. */
export interface CallSheetSummary {
  id: string;
  day: number;
  date: string | null;
  totalDays: number;
  state: CallSheetState;
  revision: number;
  version: number;
  scenes: number;
  called: number;
  /** Receipts of the current revision: management only. */
  confirmed: number | null;
  /** The viewer's call and receipt, when the sheet calls them. */
  mine: { call: string; confirmedAt: string | null } | null;
}

/** A shooting day of the schedule that has no sheet yet. */
export interface OpenDay {
  day: number;
  date: string | null;
  scenes: number;
}

/** `GET /callsheets`: the sheets the viewer may see, by day. */
export interface CallSheetList {
  sheets: CallSheetSummary[];
  /** For the production office: the days it may still generate. */
  openDays: OpenDay[] | null;
  /** The schedule the office generates from (null: none to read). */
  source: CallSheetSource | null;
  canWrite: boolean;
  /** Management: reads every sheet, drafts too. */
  seesAll: boolean;
  timeZone: string;
}

/** `callsheet_update` event data: enough to refetch, never the sheet. */
export type CallSheetUpdateData =
  | {
    action:
      | "generated"
      | "updated"
      | "refreshed"
      | "published"
      | "revised"
      | "deleted";
    id: string;
    day: number;
    version: number;
    revision: number;
  }
  | {
    action: "confirmed";
    id: string;
    day: number;
    revision: number;
    confirmation: Confirmation;
  };

/** The default general crew call. */
export const DEFAULT_GENERAL_CALL = "07:00";
/** How long after their call a cast member is wanted on set, by default. */
export const DEFAULT_CAST_PREP_MINUTES = 60;

/** Most scenes one sheet lists (a day rarely has twenty). */
export const MAX_SHEET_SCENES = 60;
/** Most cast members one sheet calls. */
export const MAX_SHEET_CAST = 60;
/**
 * Most members one sheet calls: every one gets an inbox item in the
 * publishing commit, and notify adds at most 150 per commit.
 */
export const MAX_CALLED = 150;
/** Most set addresses. */
export const MAX_LOCATIONS = 30;
/** Most department notes (a production lists at most 60 departments). */
export const MAX_DEPARTMENT_NOTES = 60;
/** Longest department note. */
export const MAX_NOTE_LENGTH = 500;
/** Longest general notes. */
export const MAX_GENERAL_NOTES = 2000;
/** Longest address. */
export const MAX_ADDRESS_LENGTH = 300;
/** Longest name (actor, character, set, hospital, department). */
export const MAX_NAME_LENGTH = 120;
/** Longest phone number. */
export const MAX_PHONE_LENGTH = 40;
/** Longest weather line. */
export const MAX_WEATHER_LENGTH = 200;
/**
 * Largest sheet as stored, in bytes of JSON: under KV's 64 KiB per value
 * with room to spare; a sheet past it asks for shorter notes.
 */
export const MAX_SHEET_BYTES = 56_000;

/** `HH:MM`, 24-hour. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight of `HH:MM`. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** `time` plus `minutes`, wrapping at midnight. */
export function addMinutes(time: string, minutes: number): string {
  const total = ((minutesOf(time) + minutes) % 1440 + 1440) % 1440;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/** What a sheet shows as its state. */
export function stateOf(
  sheet: Pick<CallSheet, "status" | "revision">,
): CallSheetState {
  if (sheet.status === "draft") return "draft";
  return sheet.revision > 1 ? "revised" : "published";
}

/** The members a sheet calls. */
export function calledIdsOf(sheet: Pick<CallSheet, "crew">): string[] {
  return sheet.crew.map((c) => c.userId);
}

/**
 * Who the policy's owner rule sees as called: the crew of a published
 * sheet; nobody on a draft (drafts are the office's and management's).
 */
export function ownerOf(
  sheet: Pick<CallSheet, "status" | "crew">,
): { calledIds: string[] } {
  return { calledIds: sheet.status === "published" ? calledIdsOf(sheet) : [] };
}

/** "Tue 2 Feb 2027" for `2027-02-02`; "Date not set" for null. */
export function sheetDate(date: string | null): string {
  if (date === null) return "Date not set";
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return `${WEEKDAY_SHORT[weekdayOf(date)]} ${d.getUTCDate()} ${
    MONTH_SHORT[d.getUTCMonth()]
  } ${d.getUTCFullYear()}`;
}

/** The page of a sheet, inside its production. */
export function sheetHref(id: string): string {
  return `/callsheets/${encodeURIComponent(id)}`;
}

/** "Day 2 of 5". */
export function dayLabel(sheet: Pick<CallSheet, "day" | "totalDays">): string {
  return sheet.totalDays >= sheet.day
    ? `Day ${sheet.day} of ${sheet.totalDays}`
    : `Day ${sheet.day}`;
}

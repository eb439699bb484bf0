/**
 * The schedule settings form's plain logic, browser-safe: the draft as
 * typed, the API body it makes (or the fields to fix first), the preview
 * of the next shooting dates, and the words for minutes per eighth.
 *
 * @module
 */
import type { FieldErrors } from "@/components/FormFields.tsx";
import { calendarProblems, workingDates } from "@/lib/schedule/calendar.ts";
import {
  DEFAULT_STRIP_COLORS,
  isHexColor,
  MAX_MINUTES_PER_EIGHTH,
  MIN_MINUTES_PER_EIGHTH,
  type ScheduleSettings,
  STRIP_COLOR_KEYS,
  type StripColorKey,
  type StripColors,
  type Weekday,
} from "@/lib/schedule/shared.ts";

/** The form's fields as typed (numbers stay text until saved). */
export interface SettingsDraft {
  startDate: string;
  workWeekdays: Weekday[];
  daysOff: string[];
  extraWorkDays: string[];
  minutesPerEighth: string;
  /** Every key's colour, the defaults filled in. */
  stripColors: Record<StripColorKey, string>;
  /** Always hold, or drop and pick up past `dropAfterDays`. */
  dropMode: "hold" | "drop";
  dropAfterDays: string;
  maxDrops: string;
}

/** `PUT /api/p/:slug/schedule/settings`: the settings without a version. */
export type SettingsInput = Omit<ScheduleSettings, "version">;

/** Each field's label, in form order (the error summary's). */
export const SETTINGS_LABELS: Record<string, string> = {
  startDate: "Start date",
  workWeekdays: "Working weekdays",
  daysOff: "Days off",
  extraWorkDays: "Extra working days",
  minutesPerEighth: "Minutes per eighth",
  stripColors: "Strip colours",
  dropAfterDays: "Drop after",
  maxDrops: "Drops per cast member",
};

/** The API's field names that the form calls otherwise. */
export const API_FIELD_NAMES: Record<string, string> = {
  dropPickupAfterDays: "dropAfterDays",
  maxDropsPerMember: "maxDrops",
};

/** SAG-AFTRA's consecutive-employment gap in the US: the usual choice. */
const DEFAULT_DROP_DAYS = 10;

/** The draft of stored settings. */
export function draftOf(settings: ScheduleSettings): SettingsDraft {
  return {
    startDate: settings.startDate,
    workWeekdays: [...settings.workWeekdays],
    daysOff: [...settings.daysOff],
    extraWorkDays: [...settings.extraWorkDays],
    minutesPerEighth: String(settings.minutesPerEighth),
    stripColors: colorsOf(settings.stripColors),
    dropMode: settings.dropPickupAfterDays === null ? "hold" : "drop",
    dropAfterDays: String(settings.dropPickupAfterDays ?? DEFAULT_DROP_DAYS),
    maxDrops: String(settings.maxDropsPerMember),
  };
}

/** Every key's colour: the production's where it set one, else the default. */
export function colorsOf(colors: StripColors): Record<StripColorKey, string> {
  return Object.fromEntries(
    STRIP_COLOR_KEYS.map((key) => {
      const chosen = colors[key];
      return [
        key,
        isHexColor(chosen) ? chosen.toLowerCase() : DEFAULT_STRIP_COLORS[key],
      ];
    }),
  ) as Record<StripColorKey, string>;
}

/** The colours that differ from the defaults: what the production sets. */
export function changedColors(
  colors: Record<StripColorKey, string>,
): StripColors {
  const out: StripColors = {};
  for (const key of STRIP_COLOR_KEYS) {
    const c = colors[key]?.toLowerCase();
    if (isHexColor(c) && c !== DEFAULT_STRIP_COLORS[key]) out[key] = c;
  }
  return out;
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const n = Number(text.trim());
  return text.trim() !== "" && Number.isInteger(n) && n >= min && n <= max
    ? n
    : null;
}

/**
 * The API body of a draft, or the fields to fix first (the same rules as
 * the server's, so most mistakes never leave the browser).
 */
export function inputOf(
  draft: SettingsDraft,
): { input: SettingsInput; errors: null } | {
  input: null;
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const minutes = wholeNumber(
    draft.minutesPerEighth,
    MIN_MINUTES_PER_EIGHTH,
    MAX_MINUTES_PER_EIGHTH,
  );
  if (minutes === null) {
    errors.minutesPerEighth =
      `A whole number of minutes from ${MIN_MINUTES_PER_EIGHTH} to ${MAX_MINUTES_PER_EIGHTH}`;
  }
  const drop = draft.dropMode === "drop";
  const after = wholeNumber(draft.dropAfterDays, 1, 365);
  if (drop && after === null) {
    errors.dropAfterDays = "A whole number of days from 1 to 365";
  }
  const maxDrops = wholeNumber(draft.maxDrops, 1, 20);
  if (drop && maxDrops === null) {
    errors.maxDrops = "A whole number from 1 to 20";
  }
  const problems = calendarProblems({ ...draft, timeZone: "UTC" });
  for (const { field, message } of problems) {
    errors[field] ??= field === "startDate" && draft.startDate === ""
      ? "Give the first date the shoot may use"
      : field === "workWeekdays"
      ? "Work at least one weekday"
      : message;
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      startDate: draft.startDate,
      workWeekdays: [...draft.workWeekdays].sort((a, b) => a - b),
      daysOff: [...draft.daysOff].sort(),
      extraWorkDays: [...draft.extraWorkDays].sort(),
      minutesPerEighth: minutes!,
      stripColors: changedColors(draft.stripColors),
      dropPickupAfterDays: drop ? after : null,
      maxDropsPerMember: maxDrops ?? 1,
    },
    errors: null,
  };
}

/** Whether the draft says something other than `settings`. */
export function isDirty(
  draft: SettingsDraft,
  settings: ScheduleSettings,
): boolean {
  return JSON.stringify(draft) !== JSON.stringify(draftOf(settings));
}

/** The first `count` working dates the draft's calendar gives. */
export function previewDates(draft: SettingsDraft, count = 10): string[] {
  return workingDates({ ...draft, timeZone: "UTC" }, count);
}

/** A date list with `date` added (sorted, once). */
export function withDate(dates: readonly string[], date: string): string[] {
  return [...new Set([...dates, date])].sort();
}

/** "15 min per eighth = 5 pages in a 10-hour day". */
export function pacingText(minutesText: string): string {
  const minutes = wholeNumber(
    minutesText,
    MIN_MINUTES_PER_EIGHTH,
    MAX_MINUTES_PER_EIGHTH,
  );
  if (minutes === null) {
    return "For example, 15 min per eighth = 5 pages in a 10-hour day";
  }
  const pages = 600 / minutes / 8;
  const shown = Number.isInteger(pages)
    ? String(pages)
    : `about ${Math.round(pages * 10) / 10}`;
  return `${minutes} min per eighth = ${shown} ${
    pages === 1 ? "page" : "pages"
  } in a 10-hour day`;
}

/**
 * The day-out-of-days page's plain logic, browser-safe: column headings,
 * the drop/pick-up rule in words, which live events change the report,
 * and the report's addresses.
 *
 * @module
 */
import { MONTH_SHORT } from "@/lib/schedule/calendar.ts";
import { WEEKDAY_SHORT, weekdayOf } from "@/lib/schedule/calendar.ts";
import type { DayOutOfDays, DoodColumn } from "@/lib/schedule/dood.ts";
import {
  DOOD_CODE_LABELS,
  type DoodCode,
  type ScheduleSettings,
  type ScheduleUpdateData,
} from "@/lib/schedule/shared.ts";

/** `GET /api/p/:slug/schedule/dood`: the report with its settings and zone. */
export type DoodReport = DayOutOfDays & {
  settings: ScheduleSettings;
  timeZone: string;
};

/** A column's heading: "Mon", "1 Feb", "Day 3" (or Off, Travel, Holiday). */
export interface ColumnHeading {
  weekday: string;
  date: string;
  what: string;
}

/** The heading of a date column; dates are days, never shifted by a zone. */
export function columnHeading(column: DoodColumn): ColumnHeading {
  return {
    weekday: WEEKDAY_SHORT[weekdayOf(column.date)],
    date: shortDate(column.date),
    what: column.kind === "shoot"
      ? `Day ${column.day}`
      : { travel: "Travel", holiday: "Holiday", off: "Off" }[column.kind],
  };
}

/** The codes of the legend, in the industry's order (blank left out). */
export const LEGEND_CODES: readonly Exclude<DoodCode, "">[] = Object.keys(
  DOOD_CODE_LABELS,
).filter((c): c is Exclude<DoodCode, ""> => c !== "");

/** The drop/pick-up rule in force, in words. */
export function dropRuleText(
  settings: Pick<ScheduleSettings, "dropPickupAfterDays" | "maxDropsPerMember">,
): string {
  const after = settings.dropPickupAfterDays;
  if (after === null) {
    return "Always hold: between their first and last work day a cast member is on hold (H) on every company working day.";
  }
  const times = settings.maxDropsPerMember === 1
    ? "once"
    : `up to ${settings.maxDropsPerMember} times`;
  return `Drop and pick up: when a cast member's next work day is more than ${after} calendar ${
    after === 1 ? "day" : "days"
  } away, they are dropped (WF) and picked up again (PW), ${times} per cast member; shorter gaps are holds (H).`;
}

/** Whether any cast member works on the board: else the empty state. */
export function anyoneWorks(dood: DayOutOfDays): boolean {
  return dood.rows.some((row) => row.totals.work > 0);
}

/** The shooting days the report spans. */
export function shootingDayCount(dood: DayOutOfDays): number {
  return dood.columns.filter((c) => c.kind === "shoot").length;
}

/** The CSS class of a cell's code ("dood-sw"), "" for a blank cell. */
export function codeClass(code: DoodCode): string {
  return code === "" ? "" : `dood-${code.toLowerCase()}`;
}

/**
 * The report's production-relative API path (JSON, or the CSV download)
 * for the working board or a saved version: `send` and `useHref` map it
 * into the page's production.
 */
export function doodPath(versionId: string | null, csv = false): string {
  const query = versionId === null
    ? ""
    : `?version=${encodeURIComponent(versionId)}`;
  return `/api/schedule/dood${csv ? ".csv" : ""}${query}`;
}

/**
 * What a live event means for the report of the working board
 * (`versionId` null) or of a saved version: `refresh` when the report may
 * have changed, `gone` when the version shown was deleted, else `ignore`.
 * Any script change may renumber cast or change who is in a scene.
 */
export function doodEventEffect(
  type: "schedule_update" | "script_update",
  data: Partial<ScheduleUpdateData> | { action?: string },
  versionId: string | null,
): "refresh" | "gone" | "ignore" {
  if (type === "script_update") return "refresh";
  switch (data.action) {
    case "settings":
      return "refresh";
    case "board":
    case "board_replaced":
      return versionId === null ? "refresh" : "ignore";
    case "version_deleted": {
      const meta = (data as { versionMeta?: { id?: string } }).versionMeta;
      return versionId !== null && meta?.id === versionId ? "gone" : "ignore";
    }
    default:
      return "ignore";
  }
}

/** A work date as the totals show it: "1 Feb". */
export function shortDate(date: string): string {
  const [, month, day] = date.split("-").map(Number);
  return `${day} ${MONTH_SHORT[month - 1]}`;
}

/**
 * Why the report changed, for the "updated" note: who did what ("Pat Lee
 * moved scene 3 to day 2"), or null when the event says nothing usable.
 */
export function changeText(
  type: "schedule_update" | "script_update",
  data: { action?: string; summary?: string; by?: { name?: string } },
): string | null {
  const who = data.by?.name || "Someone";
  if (type === "script_update") return `${who} changed the script`;
  if (data.action === "settings") return `${who} changed the calendar`;
  if (data.summary) return `${who} ${data.summary}`;
  return null;
}

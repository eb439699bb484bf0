/**
 * Day out of days (DOOD): each cast member × each calendar date of the
 * schedule, pure and browser-safe. The codes follow Movie Magic
 * Scheduling's (mms-docs.ep.com, "DOOD Rules"):
 *
 * - **SW** the first work day, **WF** the last, **SWF** both (one day's
 *   work), **W** the work days between.
 * - **H** hold: a day between the first and last work day on which the
 *   member does not work but the company does (a shooting day, or a
 *   company travel day they do not travel on). Company days off — weekends,
 *   days off, holiday banners — are never holds: they stay blank.
 * - **T** travel: a travel-day banner that names the member, or a date on
 *   the per-cast travel list (a Sunday flight, say), before, during or
 *   after the work.
 * - **Drop/pick-up** (the production's option, null by default: always
 *   hold): when the next work day comes more than N calendar days after a
 *   work day, the member is dropped instead of held — that day reads WF,
 *   the days between stay blank, and the day they come back reads **PW**
 *   (picked up; PWF if it is also their last), MMS's mark for a pick-up.
 *   SAG-AFTRA allows this when the pick-up date is more than 10 calendar
 *   days (14 outside the US) after the close of the first engagement, and
 *   only once per production, so N is counted in calendar days, the drops
 *   per member are capped (default 1), and as in MMS the first gaps that
 *   qualify are the ones dropped.
 *
 * Blank before the first work day and after the last. Omitted strips and
 * the boneyard are not work.
 *
 * @module
 */
import { addDays, datesOfSlots, daysBetween, isIsoDate } from "./calendar.ts";
import { calendarSlots, splitDays } from "./days.ts";
import {
  type DoodCode,
  MAX_CALENDAR_SPAN_DAYS,
  type ProductionCalendar,
  type ScheduleBoard,
  type Strip,
} from "./shared.ts";

/** How holds turn into drops. */
export interface DoodOptions {
  /** Drop and pick up past this many calendar days; null: always hold. */
  dropPickupAfterDays: number | null;
  /** Most drops per cast member (SAG-AFTRA: one per production). */
  maxDropsPerMember: number;
}

/** Always hold; one drop per member when dropping is on. */
export const DEFAULT_DOOD_OPTIONS: DoodOptions = {
  dropPickupAfterDays: null,
  maxDropsPerMember: 1,
};

/** What the report is computed from. */
export interface DoodInput {
  calendar: ProductionCalendar;
  board: ScheduleBoard;
  strips: ReadonlyMap<string, Strip>;
  /** The cast elements with a number (rows, in cast-number order). */
  cast: readonly { castNumber: number; name: string }[];
  /** Travel not on a banner: a cast number and the date they travel. */
  travel?: readonly { castNumber: number; date: string }[];
  options?: Partial<DoodOptions>;
}

/** What a date is for the company. */
export type DoodColumnKind = "shoot" | "travel" | "holiday" | "off";

/** One date of the report. */
export interface DoodColumn {
  date: string;
  kind: DoodColumnKind;
  /** The shooting day's number (1-based) on a `shoot` date, else null. */
  day: number | null;
}

/** A member's totals. */
export interface DoodTotals {
  work: number;
  hold: number;
  travel: number;
  /** Blank dates from the first to the last work day: days off, drops. */
  idle: number;
  /** Times they were picked up after a drop. */
  pickups: number;
  /** The first and last work dates, or null when they do not work. */
  first: string | null;
  last: string | null;
}

/** One cast member's line. */
export interface DoodRow {
  castNumber: number;
  name: string;
  /** One code per column. */
  codes: DoodCode[];
  totals: DoodTotals;
}

/** The report: the dates, and a row per cast member. */
export interface DayOutOfDays {
  columns: DoodColumn[];
  rows: DoodRow[];
}

/** Computes the day out of days of a schedule. */
export function dayOutOfDays(input: DoodInput): DayOutOfDays {
  const options = { ...DEFAULT_DOOD_OPTIONS, ...input.options };
  const { days } = splitDays(input.board);
  const kinds = new Map<string, DoodColumn>();
  const work = new Map<number, Set<string>>();
  const travel = new Map<number, Set<string>>();
  const add = (to: Map<number, Set<string>>, n: number, date: string) =>
    to.set(n, (to.get(n) ?? new Set()).add(date));
  for (const slot of datesOfSlots(input.calendar, calendarSlots(input.board))) {
    if (slot.date === null) continue;
    if (slot.kind === "shoot") {
      kinds.set(slot.date, {
        date: slot.date,
        kind: "shoot",
        day: slot.day + 1,
      });
      for (const row of days[slot.day].rows) {
        const strip = row.type === "strip"
          ? input.strips.get(row.sceneKey)
          : undefined;
        if (strip === undefined || strip.omitted) continue;
        for (const n of strip.castIds) add(work, n, slot.date);
      }
    } else {
      const kind = slot.banner.kind === "holiday" ? "holiday" : "travel";
      kinds.set(slot.date, { date: slot.date, kind, day: null });
      if (kind === "travel") {
        for (const n of slot.banner.castIds) add(travel, n, slot.date);
      }
    }
  }
  for (const t of input.travel ?? []) {
    if (isIsoDate(t.date)) add(travel, t.castNumber, t.date);
  }
  const columns = columnsOf(kinds, [...travel.values()].flatMap((s) => [...s]));
  const rows = [...input.cast]
    .sort((a, b) => a.castNumber - b.castNumber)
    .map((m) => {
      const codes = codesOf(
        columns,
        work.get(m.castNumber) ?? new Set(),
        travel.get(m.castNumber) ?? new Set(),
        options,
      );
      return { ...m, codes, totals: totalsOf(columns, codes) };
    });
  return { columns, rows };
}

/**
 * Every date from the first dated entry (or travel) to the last, at most
 * {@linkcode MAX_CALENDAR_SPAN_DAYS} of them.
 */
function columnsOf(
  kinds: ReadonlyMap<string, DoodColumn>,
  travelDates: readonly string[],
): DoodColumn[] {
  const all = [...kinds.keys(), ...travelDates].sort();
  if (all.length === 0) return [];
  const columns: DoodColumn[] = [];
  const last = all[all.length - 1];
  for (let d = all[0]; d <= last; d = addDays(d, 1)) {
    if (columns.length === MAX_CALENDAR_SPAN_DAYS) break;
    columns.push(kinds.get(d) ?? { date: d, kind: "off", day: null });
  }
  return columns;
}

function codesOf(
  columns: readonly DoodColumn[],
  work: ReadonlySet<string>,
  travel: ReadonlySet<string>,
  options: DoodOptions,
): DoodCode[] {
  const dates = [...work].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  const drops = new Set<string>();
  const pickups = new Set<string>();
  const limit = options.dropPickupAfterDays;
  for (let i = 1; limit !== null && i < dates.length; i++) {
    if (drops.size >= options.maxDropsPerMember) break;
    if (daysBetween(dates[i - 1], dates[i]) > limit) {
      drops.add(dates[i - 1]);
      pickups.add(dates[i]);
    }
  }
  let dropped = false;
  return columns.map(({ date, kind }): DoodCode => {
    if (work.has(date)) {
      dropped = drops.has(date);
      const finish = date === last || dropped;
      if (date === first) return finish ? "SWF" : "SW";
      if (pickups.has(date)) return finish ? "PWF" : "PW";
      return finish ? "WF" : "W";
    }
    if (travel.has(date)) return "T";
    const between = first !== undefined && date > first && date < last;
    const companyWorks = kind === "shoot" || kind === "travel";
    return between && companyWorks && !dropped ? "H" : "";
  });
}

function totalsOf(
  columns: readonly DoodColumn[],
  codes: readonly DoodCode[],
): DoodTotals {
  const worked = columns.filter((_, i) => codes[i].includes("W"));
  const first = worked[0]?.date ?? null;
  const last = worked[worked.length - 1]?.date ?? null;
  const count = (test: (code: DoodCode) => boolean) =>
    codes.filter(test).length;
  return {
    work: worked.length,
    hold: count((c) => c === "H"),
    travel: count((c) => c === "T"),
    idle:
      columns.filter((c, i) =>
        codes[i] === "" && first !== null && c.date > first && c.date < last!
      ).length,
    pickups: count((c) => c.startsWith("P")),
    first,
    last,
  };
}

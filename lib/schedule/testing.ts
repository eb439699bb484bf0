/**
 * Builders for the schedule's tests: scenes, strips, boards and a
 * calendar, as small plain objects.
 *
 * @module
 */
import { emptyBreakdown } from "@/lib/script/breakdown.ts";
import type { StripSource } from "./strips.ts";
import type {
  BannerItem,
  BannerKind,
  BoardItem,
  ProductionCalendar,
  ScheduleBoard,
  Strip,
} from "./shared.ts";

/** A scene of the current draft; `over` sets what the test is about. */
export function scene(
  key: string,
  over: Partial<StripSource> & { cast?: string[] } = {},
): StripSource {
  const { cast = [], ...rest } = over;
  return {
    id: `scene-${key}`,
    key,
    scriptId: "script-1",
    number: key,
    heading: "INT. LIGHTHOUSE - DAY",
    setting: "INT",
    location: "LIGHTHOUSE",
    timeOfDay: "DAY",
    eighths: 8,
    status: "draft",
    text: [],
    breakdown: { ...emptyBreakdown(), cast },
    ...rest,
  };
}

/** A strip: scene `key`, with the cast numbers and eighths given. */
export function strip(
  key: string,
  castIds: number[] = [],
  over: Partial<Strip> = {},
): Strip {
  return {
    sceneKey: key,
    sceneId: `scene-${key}`,
    scriptId: "script-1",
    number: key,
    setting: "INT",
    dayNight: "DAY",
    set: "LIGHTHOUSE",
    castIds,
    unnumberedCast: [],
    eighths: 8,
    synopsis: "",
    omitted: false,
    ...over,
  };
}

/** Strips by scene key, as the day and DOOD functions take them. */
export function stripMap(strips: readonly Strip[]): Map<string, Strip> {
  return new Map(strips.map((s) => [s.sceneKey, s]));
}

/** A banner row. */
export function banner(
  id: string,
  kind: BannerKind,
  castIds: number[] = [],
  text = "",
): BannerItem {
  return { type: "banner", id, kind, text, castIds };
}

/**
 * A board from a compact plan: each inner list is one day's rows (scene
 * keys, or banner rows) ended by a day break `b1`, `b2`, …; `open` leaves
 * the last day without its break.
 *
 * @example
 * ```ts
 * board([["1", "2"], ["3"]], ["9"]); // day 1: 1, 2 · day 2: 3 · boneyard 9
 * ```
 */
export function board(
  days: readonly (readonly (string | BannerItem)[])[],
  boneyard: string[] = [],
  { open = false }: { open?: boolean } = {},
): ScheduleBoard {
  const items: BoardItem[] = [];
  for (const [i, rows] of days.entries()) {
    for (const row of rows) {
      items.push(
        typeof row === "string" ? { type: "strip", sceneKey: row } : row,
      );
    }
    if (!open || i < days.length - 1) {
      items.push({ type: "day_break", id: `b${i + 1}` });
    }
  }
  return { items, boneyard };
}

/** The board's days as lists of scene keys and banner ids (for asserts). */
export function plan(board: ScheduleBoard): string[][] {
  const days: string[][] = [[]];
  for (const item of board.items) {
    if (item.type === "day_break") days.push([]);
    else {days[days.length - 1].push(
        item.type === "strip" ? item.sceneKey : `[${item.id}]`,
      );}
  }
  if (days[days.length - 1].length === 0) days.pop();
  return days;
}

/** Monday 1 Feb 2027, Monday–Friday, in Oslo; `over` changes the rest. */
export function calendar(
  over: Partial<ProductionCalendar> = {},
): ProductionCalendar {
  return {
    startDate: "2027-02-01",
    workWeekdays: [1, 2, 3, 4, 5],
    daysOff: [],
    extraWorkDays: [],
    timeZone: "Europe/Oslo",
    ...over,
  };
}

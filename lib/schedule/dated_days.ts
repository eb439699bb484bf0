/**
 * A board's shooting days with their figures and calendar dates, as the
 * schedule's API sends them (`ScheduleDayView`): pure and browser-safe, so
 * the stripboard recomputes day totals and dates as it applies an edit, and
 * the server (service.ts) sends the same figures.
 *
 * @module
 */
import { datesOfSlots } from "./calendar.ts";
import { calendarSlots, shootingDays, splitDays } from "./days.ts";
import type {
  ProductionCalendar,
  ScheduleBoard,
  ScheduleDayView,
  ScheduleSettings,
  Strip,
} from "./shared.ts";

/** The production calendar the settings describe, in the production's zone. */
export function calendarOf(
  settings: Pick<
    ScheduleSettings,
    "startDate" | "workWeekdays" | "daysOff" | "extraWorkDays"
  >,
  timeZone: string,
): ProductionCalendar {
  return {
    startDate: settings.startDate,
    workWeekdays: settings.workWeekdays,
    daysOff: settings.daysOff,
    extraWorkDays: settings.extraWorkDays,
    timeZone,
  };
}

/**
 * The days of a board with their figures and dates; `strips` are the
 * current draft's by scene key.
 */
export function datedDays(
  board: ScheduleBoard,
  strips: ReadonlyMap<string, Strip>,
  settings: ScheduleSettings,
  timeZone: string,
): ScheduleDayView[] {
  const days = shootingDays(board, strips, settings.minutesPerEighth);
  const dated = datesOfSlots(
    calendarOf(settings, timeZone),
    calendarSlots(board),
  );
  const dateOf = new Map(
    dated.flatMap((s) => s.kind === "shoot" ? [[s.day, s.date] as const] : []),
  );
  const segments = splitDays(board).days;
  return days.map((d, i) => ({
    number: d.number,
    date: dateOf.get(i) ?? null,
    breakId: d.breakId,
    rows: segments[i].rows.map((row): ScheduleDayView["rows"][number] =>
      row.type === "strip" ? { type: "strip", sceneKey: row.sceneKey } : row
    ),
    eighths: d.eighths,
    pages: d.pages,
    minutes: d.minutes,
    castIds: d.castIds,
    omitted: d.omitted,
  }));
}

/**
 * Stripboard filters: which strips to show lit (the rest dimmed) when the
 * assistant director looks for one cast member, one set, interiors or
 * exteriors, or one time of day. Pure and browser-safe; a filter never
 * changes the board, only how it reads.
 *
 * @module
 */
import type { DayNight } from "./colors.ts";
import type { Strip } from "./shared.ts";

/** What the board is filtered by; an empty filter lets every strip through. */
export interface StripFilter {
  /** A cast number the strip must call. */
  castId?: number;
  /** The set, exactly as strips print it. */
  set?: string;
  /** Interior (INT) or exterior (EXT, INT/EXT and EST count as exterior). */
  side?: "INT" | "EXT";
  dayNight?: DayNight;
}

/** Whether the filter sets any condition. */
export function isFiltering(filter: StripFilter): boolean {
  return filter.castId !== undefined || filter.set !== undefined ||
    filter.side !== undefined || filter.dayNight !== undefined;
}

/** Whether `strip` meets every condition of `filter`. */
export function matchesFilter(strip: Strip, filter: StripFilter): boolean {
  if (filter.castId !== undefined && !strip.castIds.includes(filter.castId)) {
    return false;
  }
  if (filter.set !== undefined && strip.set !== filter.set) return false;
  if (filter.side !== undefined) {
    const side = strip.setting === "INT" || strip.setting === null
      ? "INT"
      : "EXT";
    if (side !== filter.side) return false;
  }
  return filter.dayNight === undefined || strip.dayNight === filter.dayNight;
}

/** The sets of the strips, A–Z, each once: what the set filter offers. */
export function setsOf(strips: readonly Strip[]): string[] {
  return [...new Set(strips.map((s) => s.set).filter((s) => s !== ""))]
    .sort((a, b) => a.localeCompare(b, "en"));
}

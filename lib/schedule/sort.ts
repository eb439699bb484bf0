/**
 * Sort helpers of the stripboard: orders an assistant director would try
 * (by set, by cast, INT before EXT, day before night, script order),
 * proposed in the browser and accepted as one `sort` op. Pure and stable,
 * so the browser and the server reach the same order.
 *
 * @module
 */
import { DAY_NIGHTS } from "./colors.ts";
import type { Strip } from "./shared.ts";

/** The orders the board proposes. */
export const SORT_KEYS = [
  "script",
  "location",
  "cast",
  "int_ext",
  "day_night",
] as const;

/** One of {@linkcode SORT_KEYS}. */
export type SortKey = typeof SORT_KEYS[number];

/** Human labels of the sort orders. */
export const SORT_LABELS: Record<SortKey, string> = {
  script: "Script order",
  location: "By set",
  cast: "By cast",
  int_ext: "INT, then EXT",
  day_night: "Day, then night",
};

const SETTING_ORDER = ["INT", "INT/EXT", "EXT"];

function settingRank(s: Strip): number {
  const at = SETTING_ORDER.indexOf(s.setting ?? "");
  return at === -1 ? SETTING_ORDER.length : at;
}

function castKey(s: Strip): string {
  // The lead (lowest number) first, then who else: strips that share the
  // same lead actor end up together.
  return s.castIds.length === 0
    ? "~"
    : s.castIds.map((n) => String(n).padStart(4, "0")).join(",");
}

/** Compares two strips for `by`; ties keep their order (the sort is stable). */
function compare(by: SortKey, a: Strip, b: Strip, order: Map<string, number>) {
  switch (by) {
    case "script":
      return (order.get(a.sceneKey) ?? 0) - (order.get(b.sceneKey) ?? 0);
    case "location":
      return a.set.localeCompare(b.set, "en");
    case "cast":
      return castKey(a).localeCompare(castKey(b), "en");
    case "int_ext":
      return settingRank(a) - settingRank(b);
    case "day_night":
      return DAY_NIGHTS.indexOf(a.dayNight) - DAY_NIGHTS.indexOf(b.dayNight);
  }
}

/**
 * `keys` ordered `by` (a stable sort: equal strips keep their order);
 * keys `strips` does not know stay at the end in their order. "script"
 * follows the order of `strips` itself (the current draft's).
 *
 * @example
 * ```ts
 * sortSceneKeys(["3", "1"], strips, "location"); // the strips' sets A–Z
 * ```
 */
export function sortSceneKeys(
  keys: readonly string[],
  strips: ReadonlyMap<string, Strip>,
  by: SortKey,
): string[] {
  const order = new Map([...strips.keys()].map((k, i) => [k, i]));
  const known = keys.filter((k) => strips.has(k));
  const unknown = keys.filter((k) => !strips.has(k));
  const sorted = [...known].sort((a, b) =>
    compare(by, strips.get(a)!, strips.get(b)!, order)
  );
  return [...sorted, ...unknown];
}

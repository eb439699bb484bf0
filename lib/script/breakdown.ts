/**
 * The script breakdown's vocabulary: the industry categories a scene's
 * elements are tagged with, their labels and their colours as on a paper
 * breakdown sheet, scene statuses and change marks, tag limits and a few
 * formatting helpers.
 *
 * No zod (and nothing server-only) here: islands import this file into the
 * browser. The zod schemas built on it live in schemas.ts.
 *
 * @module
 */

/**
 * Breakdown categories, in the order of a breakdown sheet. `cast` is
 * pre-filled from the parser's speaking characters and `locations` from the
 * scene heading's location at import.
 */
export const BREAKDOWN_CATEGORIES = [
  "cast",
  "extras",
  "stunts",
  "props",
  "wardrobe",
  "makeup_hair",
  "vehicles",
  "animals",
  "sfx",
  "vfx",
  "sound_music",
  "set_dressing",
  "special_equipment",
  "locations",
  "notes",
] as const;

/** A breakdown category. */
export type BreakdownCategory = typeof BREAKDOWN_CATEGORIES[number];

/** A scene's breakdown: the tags of every category (each list may be empty). */
export type Breakdown = Record<BreakdownCategory, string[]>;

/** Human labels of the categories. */
export const CATEGORY_LABELS: Record<BreakdownCategory, string> = {
  cast: "Cast",
  extras: "Extras",
  stunts: "Stunts",
  props: "Props",
  wardrobe: "Wardrobe",
  makeup_hair: "Makeup & hair",
  vehicles: "Vehicles",
  animals: "Animals",
  sfx: "Special effects",
  vfx: "Visual effects",
  sound_music: "Sound & music",
  set_dressing: "Set dressing",
  special_equipment: "Special equipment",
  locations: "Locations",
  notes: "Production notes",
};

/**
 * How a breakdown sheet marks a category in the script: highlighted in its
 * colour, or drawn around / beside the words (circle, box, asterisk,
 * underline) in its colour.
 */
export type CategoryMark =
  | "highlight"
  | "circle"
  | "box"
  | "asterisk"
  | "underline";

/** A category's look: a CSS colour, how it marks text, and legible ink on it. */
export interface CategoryStyle {
  /** A CSS named colour, usable as-is in `color` / `background` / `border`. */
  color: string;
  mark: CategoryMark;
  /** Text colour that reads on a `color` background: "black" or "white". */
  ink: "black" | "white";
}

/**
 * The traditional breakdown-sheet colour code: cast red, extras green,
 * stunts orange, props violet, wardrobe a blue circle, makeup an asterisk,
 * vehicles and animals pink, special effects blue, sound brown, special
 * equipment a box, notes underlined. Categories the paper code leaves out
 * (VFX, set dressing, locations) get colours distinct from the rest.
 */
export const CATEGORY_STYLES: Record<BreakdownCategory, CategoryStyle> = {
  cast: { color: "red", mark: "highlight", ink: "white" },
  extras: { color: "green", mark: "highlight", ink: "white" },
  stunts: { color: "orange", mark: "highlight", ink: "black" },
  props: { color: "violet", mark: "highlight", ink: "black" },
  wardrobe: { color: "blue", mark: "circle", ink: "white" },
  makeup_hair: { color: "orchid", mark: "asterisk", ink: "black" },
  vehicles: { color: "pink", mark: "highlight", ink: "black" },
  animals: { color: "hotpink", mark: "highlight", ink: "black" },
  sfx: { color: "dodgerblue", mark: "highlight", ink: "black" },
  vfx: { color: "teal", mark: "highlight", ink: "white" },
  sound_music: { color: "sienna", mark: "highlight", ink: "white" },
  set_dressing: { color: "olive", mark: "highlight", ink: "white" },
  special_equipment: { color: "black", mark: "box", ink: "white" },
  locations: { color: "slategray", mark: "underline", ink: "white" },
  notes: { color: "gray", mark: "underline", ink: "white" },
};

/** Longest tag, in characters. */
export const MAX_TAG_LENGTH = 100;
/** Most tags in one category of one scene. */
export const MAX_TAGS_PER_CATEGORY = 100;
/** Longest scene notes, in characters. */
export const MAX_NOTES_LENGTH = 5000;

/**
 * A scene's breakdown status: `draft` (not broken down yet), `broken_down`
 * (tagged, waiting for approval), `approved` (by the director or producer),
 * `omitted` (cut from the shoot, or removed from the script by a new draft).
 */
export const SCENE_STATUSES = [
  "draft",
  "broken_down",
  "approved",
  "omitted",
] as const;

/** A scene's breakdown status. */
export type SceneStatus = typeof SCENE_STATUSES[number];

/** Human labels of the statuses. */
export const SCENE_STATUS_LABELS: Record<SceneStatus, string> = {
  draft: "Draft",
  broken_down: "Broken down",
  approved: "Approved",
  omitted: "Omitted",
};

/** How a scene compares with the previous draft of the script. */
export const SCENE_CHANGES = [
  "added",
  "removed",
  "changed",
  "unchanged",
] as const;

/** How a scene compares with the previous draft. */
export type SceneChange = typeof SCENE_CHANGES[number];

/** Human labels of the change marks. */
export const SCENE_CHANGE_LABELS: Record<SceneChange, string> = {
  added: "New in this draft",
  removed: "Removed in this draft",
  changed: "Changed in this draft",
  unchanged: "Unchanged",
};

/** True if `value` names a breakdown category. */
export function isBreakdownCategory(
  value: unknown,
): value is BreakdownCategory {
  return typeof value === "string" &&
    (BREAKDOWN_CATEGORIES as readonly string[]).includes(value);
}

/** A breakdown with every category empty. */
export function emptyBreakdown(): Breakdown {
  return Object.fromEntries(
    BREAKDOWN_CATEGORIES.map((c) => [c, [] as string[]]),
  ) as Breakdown;
}

/**
 * A tag as stored: whitespace runs collapsed to one space, trimmed. Tags
 * compare without regard to case ("Lantern" and "LANTERN" are one tag).
 *
 * @example
 * ```ts
 * normaliseTag("  oil   lamp "); // "oil lamp"
 * ```
 */
export function normaliseTag(tag: string): string {
  return tag.replace(/\s+/g, " ").trim();
}

/** The identity of a tag for de-duplication: normalised, lower case. */
export function tagKey(tag: string): string {
  return normaliseTag(tag).toLowerCase();
}

/**
 * `tags` normalised, without empty ones and without case-insensitive
 * duplicates (the first spelling wins), in the given order.
 */
export function uniqueTags(tags: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = normaliseTag(raw);
    const key = tag.toLowerCase();
    if (tag === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/**
 * Page eighths as a script supervisor writes them: 11 → "1 3/8", 8 → "1",
 * 3 → "3/8", 0 → "0".
 */
export function formatEighths(eighths: number): string {
  const whole = Math.floor(eighths / 8);
  const rest = eighths % 8;
  if (rest === 0) return String(whole);
  return whole === 0 ? `${rest}/8` : `${whole} ${rest}/8`;
}

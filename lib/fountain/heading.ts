/**
 * Scene headings: recognising the prefixes, pulling off the `#n#` scene
 * number and splitting the rest into setting, location and time of day.
 *
 * @module
 */
import type { Setting } from "./types.ts";
import { collapseWhitespace } from "./whitespace.ts";

// INT./EXT, INT/EXT, I/E, INT, EXT, EST, any case, then "." or a space.
// Anchored at the start with no nested quantifiers, so linear on any line.
const PREFIX = /^(int\.?\/ext|i\/e|int|ext|est)[. ]/i;
const NUMBER_CHARS = /^[A-Za-z0-9.-]+$/;

/**
 * True if `text` (already trimmed at the start) begins with a scene
 * heading prefix. Blank-line context is the caller's business.
 *
 * @example
 * ```ts
 * hasHeadingPrefix("int. kitchen - day"); // true
 * hasHeadingPrefix("INTERIOR DESIGN"); // false
 * ```
 */
export function hasHeadingPrefix(text: string): boolean {
  return PREFIX.test(text);
}

/**
 * Tidies a heading and splits off a trailing scene number:
 * "EXT. PIER - DAY #12A#" gives ["EXT. PIER - DAY", "12A"]. Done with `lastIndexOf` rather than
 * an end-anchored regex, which would backtrack on long lines.
 */
export function splitSceneNumber(text: string): [string, string | null] {
  // Runs of spaces (often from tabs) are collapsed so "INT.\tPIER" and
  // "INT. PIER" give one location on the schedule.
  const trimmed = collapseWhitespace(text.trim());
  if (trimmed.length < 3 || !trimmed.endsWith("#")) return [trimmed, null];
  const open = trimmed.lastIndexOf("#", trimmed.length - 2);
  if (open < 0) return [trimmed, null];
  const number = trimmed.slice(open + 1, -1);
  if (!NUMBER_CHARS.test(number)) return [trimmed, null];
  return [trimmed.slice(0, open).trimEnd(), number];
}

/** The parts of a heading a schedule needs. */
export interface HeadingParts {
  setting: Setting | null;
  location: string;
  timeOfDay: string | null;
}

/**
 * Parses a heading (without its scene number). The time of day is the
 * text after the last " - ", so "INT. LIGHTHOUSE - LAMP ROOM - NIGHT" has
 * location "LIGHTHOUSE - LAMP ROOM". A forced heading without a prefix
 * has a null setting.
 *
 * @example
 * ```ts
 * parseHeading("INT./EXT. VAN - DUSK");
 * // { setting: "INT/EXT", location: "VAN", timeOfDay: "DUSK" }
 * ```
 */
export function parseHeading(heading: string): HeadingParts {
  const match = PREFIX.exec(heading);
  let setting: Setting | null = null;
  let rest = heading;
  if (match) {
    const prefix = match[1].toUpperCase();
    setting = prefix === "INT" || prefix === "EXT" || prefix === "EST"
      ? prefix
      : "INT/EXT";
    rest = heading.slice(match[0].length);
    // The match ends at the "." or space after the prefix; drop whatever
    // separators follow it (the space in "INT. HOUSE").
    rest = rest.replace(/^[. ]+/, "");
  }
  const dash = rest.lastIndexOf(" - ");
  if (dash < 0) return { setting, location: rest.trim(), timeOfDay: null };
  return {
    setting,
    location: rest.slice(0, dash).trim(),
    timeOfDay: rest.slice(dash + 3).trim() || null,
  };
}

/**
 * The shapes `parseFountain` returns. Plain data (no classes) so a parsed
 * script can be stored as JSON or sent to the browser unchanged.
 *
 * @module
 */

/**
 * One screenplay element, in reading order. Emphasis markers (`*`, `_`)
 * are left in the text as written; notes, boneyard, sections and synopses
 * never appear here.
 */
export type Element =
  | { type: "scene_heading"; text: string; number: string | null }
  | { type: "action"; text: string; centered?: boolean }
  | {
    type: "character";
    /** The cue without `@`, `^` or extension, e.g. "MARGIT". */
    name: string;
    /** The extension as written, parentheses included: "(V.O.)". */
    extension: string | null;
    /** True for both cues of a dual-dialogue pair. */
    dual: boolean;
  }
  | { type: "parenthetical"; text: string }
  | { type: "dialogue"; text: string }
  | { type: "transition"; text: string }
  | { type: "page_break" }
  | { type: "lyrics"; text: string };

/** Where a scene takes place, from the heading's prefix. */
export type Setting = "INT" | "EXT" | "INT/EXT" | "EST";

/** One scene: its heading, what it contains and derived figures. */
export interface Scene {
  /** 0-based order in the script. */
  index: number;
  /** From a `#n#` tag at the end of the heading, if present. */
  number: string | null;
  /** Full heading text without the scene number, e.g. "INT. LIGHTHOUSE - NIGHT". */
  heading: string;
  /** From the prefix; null for a forced heading without one. */
  setting: Setting | null;
  /** "LIGHTHOUSE": the heading after its prefix, before the last " - ". */
  location: string;
  /** "NIGHT": the text after the last " - ", or null without one. */
  timeOfDay: string | null;
  /** Speaking characters without extensions, unique, first-appearance order. */
  characters: string[];
  /** The scene's body (everything after the heading), in order. */
  elements: Element[];
  /** Estimated length in eighths of a page, an integer ≥ 1. */
  eighths: number;
  /** SHA-256 hex of the scene's normalised text, for version diffs. */
  hash: string;
}

/** The result of parsing one Fountain document. */
export interface ParsedScript {
  /** The title page's `Title:` value, or null. */
  title: string | null;
  /** Title page keys, lower-cased ("draft date"), with their values. */
  titlePage: Record<string, string>;
  scenes: Scene[];
  /** Human-readable notes about input that was parsed best-effort. */
  warnings: string[];
}

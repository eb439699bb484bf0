/**
 * Character cues: "MARGIT (V.O.)", "@McBRIDE", "BRAM ^".
 *
 * @module
 */
import { collapseWhitespace } from "./whitespace.ts";

/** A parsed cue. */
export interface Cue {
  /** The name without `@`, `^` or extension, whitespace collapsed. */
  name: string;
  /** "(V.O.)", "(O.S.) (CONT'D)", as written; null without one. */
  extension: string | null;
  /** The cue ends in `^`: the second half of dual dialogue. */
  dual: boolean;
  /** The cue starts with `@`, which allows lower case. */
  forced: boolean;
}

/**
 * Reads `text` (trimmed) as a cue, ignoring blank-line context, or returns
 * null if it cannot be one. An unforced cue's name (the part before any
 * parenthesis) must contain a letter and no lower case, so "R2D2" is a
 * cue and "23" is not; the extension may be in any case ("(cont'd)").
 * Lines ending in "TO:" are left to be transitions.
 *
 * @example
 * ```ts
 * readCue("MARGIT (V.O.) ^");
 * // { name: "MARGIT", extension: "(V.O.)", dual: true, forced: false }
 * readCue("Margit"); // null
 * ```
 */
export function readCue(text: string): Cue | null {
  let rest = text.trim();
  const forced = rest.startsWith("@");
  if (forced) rest = rest.slice(1).trimStart();
  const dual = rest.endsWith("^");
  if (dual) rest = rest.slice(0, -1).trimEnd();
  if (!forced && rest.endsWith("TO:")) return null;

  const paren = rest.indexOf("(");
  const rawName = paren < 0 ? rest : rest.slice(0, paren);
  const name = collapseWhitespace(rawName.trim());
  if (name === "") return null;
  if (!forced && !isUpperCaseWord(name)) return null;
  const extension = paren < 0 ? null : rest.slice(paren).trim();
  return { name, extension, dual, forced };
}

/** Has at least one cased letter and nothing in lower case. */
function isUpperCaseWord(text: string): boolean {
  // Comparing case conversions covers accented and non-Latin letters too
  // ("JOSÉ" is a name), which an [A-Z] class would not.
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

/**
 * The key that decides whether two cues are the same character: the name
 * in upper case, so "@McBride" and "MCBRIDE (O.S.)" count once.
 */
export function characterKey(name: string): string {
  return name.toUpperCase();
}

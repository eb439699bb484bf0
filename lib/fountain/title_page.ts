/**
 * The title page: a block of `Key: value` lines at the very start of the
 * document, ended by a blank line. A value may continue on following lines
 * indented by three or more spaces (or a tab).
 *
 * @module
 */
import { Pacer } from "./pacer.ts";
import type { Lines } from "./preprocess.ts";

/** What the title page held and where the script body starts. */
export interface TitlePage {
  /** Lower-cased keys ("draft date") to values (continuations joined by "\n"). */
  fields: Record<string, string>;
  /** The title, its lines joined by a space, or null. */
  title: string | null;
  /** Index of the first body line in the line array. */
  bodyStart: number;
}

// Anchored and without nested quantifiers: linear on any line. A key
// starts with a letter, which also rules out "__proto__".
const KEY_LINE = /^([A-Za-z][A-Za-z0-9 _'-]*):(.*)$/;
const CONTINUATION = /^ {3}/;

/**
 * Reads the title page from the start of `lines`, if there is one.
 *
 * The block only counts as a title page if every line is a key line or a
 * continuation and at least one key has a value. That keeps a script that
 * opens with "FADE IN:" (a key-like line with nothing after it) from
 * losing its first paragraph.
 *
 * @example
 * ```ts
 * const lines = { text: ["Title: Keeper", ""], line: Int32Array.of(1, 2) };
 * await readTitlePage(lines);
 * // { fields: { title: "Keeper" }, title: "Keeper", bodyStart: 1 }
 * ```
 */
export async function readTitlePage(
  { text: lines }: Lines,
  pacer: Pacer = new Pacer(),
): Promise<TitlePage> {
  let start = 0;
  while (start < lines.length && lines[start] === "") start++;

  const fields: Record<string, string> = {};
  const none: TitlePage = { fields: {}, title: null, bodyStart: 0 };
  let key: string | null = null;
  let hasValue = false;
  let i = start;
  for (; i < lines.length && lines[i] !== ""; i++) {
    if (pacer.due()) await pacer.pause();
    const text = lines[i];
    const match = CONTINUATION.test(text) ? null : KEY_LINE.exec(text);
    if (match) {
      key = match[1].trim().replace(/ {2,}/g, " ").toLowerCase();
      append(fields, key, match[2].trim());
    } else if (key !== null && CONTINUATION.test(text)) {
      append(fields, key, text.trim());
    } else {
      return none;
    }
    if (fields[key] !== "") hasValue = true;
  }
  if (!hasValue) return none;

  const title = fields["title"]?.replaceAll("\n", " ").trim() || null;
  return { fields, title, bodyStart: i };
}

/**
 * Adds a value line to a key. Plain assignment is safe: keys start with a
 * letter, so "__proto__" can never be one.
 */
function append(fields: Record<string, string>, key: string, value: string) {
  const old = Object.hasOwn(fields, key) ? fields[key] : "";
  fields[key] = old === "" ? value : value === "" ? old : `${old}\n${value}`;
}

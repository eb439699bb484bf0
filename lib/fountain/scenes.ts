/**
 * Groups elements into scenes and derives what scheduling and version
 * diffs need: the speaking characters, the length in eighths and a hash.
 *
 * @module
 */
import { characterKey } from "./cue.ts";
import { parseHeading } from "./heading.ts";
import type { Element, Scene } from "./types.ts";

/**
 * Page geometry behind the eighths estimate. A screenplay page is US
 * Letter in 12 pt Courier: 10 characters per inch and 6 lines per inch.
 * With 1" margins top and bottom that is about 55 printed lines a page.
 * Action runs 6" wide (60 characters), dialogue about 3.5" (35) and
 * parentheticals about 2.5" (25).
 */
export const LINES_PER_PAGE = 55;
const ACTION_WIDTH = 60;
const DIALOGUE_WIDTH = 35;
const PARENTHETICAL_WIDTH = 25;

const HASH_BATCH = 64;

type SceneHeading = Extract<Element, { type: "scene_heading" }>;

/**
 * Builds the scenes from a flat element list. Elements before the first
 * heading (a cold open's "FADE IN:", stray notes to self) belong to no
 * scene and are dropped.
 *
 * @example
 * ```ts
 * const [scene] = await buildScenes([
 *   { type: "scene_heading", text: "EXT. PIER - DAY", number: "1" },
 *   { type: "action", text: "Gulls." },
 * ]);
 * scene.location; // "PIER"
 * ```
 */
export async function buildScenes(elements: Element[]): Promise<Scene[]> {
  const groups: { heading: SceneHeading; body: Element[] }[] = [];
  for (const el of elements) {
    if (el.type === "scene_heading") groups.push({ heading: el, body: [] });
    else if (groups.length > 0) groups[groups.length - 1].body.push(el);
  }
  const scenes: Scene[] = groups.map(({ heading, body }, index) => ({
    index,
    number: heading.number,
    heading: heading.text,
    ...parseHeading(heading.text),
    characters: speakingCharacters(body),
    elements: body,
    eighths: estimateEighths(body),
    hash: "",
  }));
  // Digests in batches: one at a time leaves Web Crypto idle between
  // awaits, while thousands at once swamp it (measured: 64 is quickest).
  for (let i = 0; i < scenes.length; i += HASH_BATCH) {
    const batch = scenes.slice(i, i + HASH_BATCH);
    const hashes = await Promise.all(
      batch.map((s) => sceneHash(s.heading, s.elements)),
    );
    batch.forEach((s, k) => s.hash = hashes[k]);
  }
  return scenes;
}

/**
 * Unique speaking characters in first-appearance order. Extensions are
 * already split off the names, so "MARGIT (CONT'D)" and "MARGIT (V.O.)"
 * are both MARGIT; case is ignored and the first spelling kept.
 */
export function speakingCharacters(body: Element[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const el of body) {
    if (el.type !== "character") continue;
    const key = characterKey(el.name);
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(el.name);
  }
  return names;
}

/**
 * Estimates a scene's length in eighths of a page. It counts the lines
 * the scene would take when printed: the heading, a blank line before
 * each block (a dialogue block's parts share one), and each element's
 * text wrapped at its column width. Then eighths = round(lines × 8 / 55),
 * at least 1, since a schedule never lists a scene as 0/8.
 *
 * @example
 * ```ts
 * estimateEighths([{ type: "action", text: "Gulls." }]); // 1
 * ```
 */
export function estimateEighths(body: Element[]): number {
  let lines = 1; // the heading
  let inDialogue = false;
  for (const el of body) {
    const continues: boolean = inDialogue &&
      (el.type === "parenthetical" || el.type === "dialogue" ||
        el.type === "lyrics");
    if (!continues && el.type !== "page_break") lines += 1;
    inDialogue = el.type === "character" || continues;
    lines += printedLines(el);
  }
  return Math.max(1, Math.round(lines * 8 / LINES_PER_PAGE));
}

function printedLines(el: Element): number {
  switch (el.type) {
    case "page_break":
      return 0;
    case "character":
      return 1;
    case "dialogue":
      return wrapped(el.text, DIALOGUE_WIDTH);
    case "parenthetical":
      return wrapped(el.text, PARENTHETICAL_WIDTH);
    default:
      return wrapped(el.text, ACTION_WIDTH);
  }
}

function wrapped(text: string, width: number): number {
  // indexOf rather than split: no array of lines for a huge element.
  let count = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    count += Math.max(1, Math.ceil((end - start) / width));
    start = end + 1;
  }
  return count;
}

/**
 * The text a scene's hash covers: the heading (not its number, so
 * renumbering does not mark every scene changed) and one line per
 * element, each with whitespace runs collapsed to one space. Re-wrapping,
 * re-indenting or trailing spaces change nothing; any word change does.
 */
export function normalisedText(heading: string, body: Element[]): string {
  const out = [squash(heading)];
  for (const el of body) out.push(`${el.type}:${squash(elementText(el))}`);
  return out.join("\n");
}

function elementText(el: Element): string {
  switch (el.type) {
    case "scene_heading":
      return el.text;
    case "action":
      return el.centered ? `>${el.text}<` : el.text;
    case "character":
      return `${el.name} ${el.extension ?? ""} ${el.dual ? "^" : ""}`;
    case "page_break":
      return "";
    default:
      return el.text;
  }
}

/** Collapses whitespace runs to one space and trims. */
function squash(text: string): string {
  return text.split(/\s+/).filter((w) => w !== "").join(" ");
}

/** SHA-256 hex of `normalisedText` via Web Crypto (browser and Deno). */
export async function sceneHash(
  heading: string,
  body: Element[],
): Promise<string> {
  const bytes = new TextEncoder().encode(normalisedText(heading, body));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

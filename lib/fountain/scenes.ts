/**
 * Groups elements into scenes and derives what scheduling and version
 * diffs need: the speaking characters, the length in eighths and a hash.
 *
 * @module
 */
import { characterKey } from "./cue.ts";
import { parseHeading } from "./heading.ts";
import { Pacer } from "./pacer.ts";
import { Joiner } from "./joiner.ts";
import { collapsedChunks } from "./whitespace.ts";
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
export async function buildScenes(
  elements: Element[],
  pacer: Pacer = new Pacer(),
): Promise<Scene[]> {
  // One pass over the elements, paced: a scene's characters and length
  // are tallied as its elements go by, so a scene of 100,000 elements is
  // no single long stretch of work.
  const groups: { heading: SceneHeading; body: Element[]; tally: Tally }[] = [];
  for (const el of elements) {
    if (pacer.due()) await pacer.pause();
    if (el.type === "scene_heading") {
      groups.push({ heading: el, body: [], tally: new Tally() });
    } else if (groups.length > 0) {
      const group = groups[groups.length - 1];
      group.body.push(el);
      group.tally.add(el);
    }
  }
  const scenes: Scene[] = [];
  for (const { heading, body, tally } of groups) {
    if (pacer.due()) await pacer.pause();
    scenes.push({
      index: scenes.length,
      number: heading.number,
      heading: heading.text,
      ...parseHeading(heading.text),
      characters: tally.characters,
      elements: body,
      eighths: tally.eighths,
      hash: "",
    });
  }
  // Digests in batches: one at a time leaves Web Crypto idle between
  // awaits, while thousands at once swamp it (measured: 64 is quickest).
  for (let i = 0; i < scenes.length; i += HASH_BATCH) {
    const batch = scenes.slice(i, i + HASH_BATCH);
    const hashes = await Promise.all(
      batch.map((s) => sceneHash(s.heading, s.elements, pacer)),
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
  const tally = new Tally();
  for (const el of body) tally.add(el);
  return tally.characters;
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
  const tally = new Tally();
  for (const el of body) tally.add(el);
  return tally.eighths;
}

/** A scene's speaking characters and printed lines, one element at a time. */
class Tally {
  #seen = new Set<string>();
  #names: string[] = [];
  #lines = 1; // the heading
  #inDialogue = false;

  /** Counts the next element of the scene body. */
  add(el: Element): void {
    if (el.type === "character") {
      const key = characterKey(el.name);
      if (!this.#seen.has(key)) {
        this.#seen.add(key);
        this.#names.push(el.name);
      }
    }
    const continues: boolean = this.#inDialogue &&
      (el.type === "parenthetical" || el.type === "dialogue" ||
        el.type === "lyrics");
    if (!continues && el.type !== "page_break") this.#lines += 1;
    this.#inDialogue = el.type === "character" || continues;
    this.#lines += printedLines(el);
  }

  /** Speaking characters so far, first-appearance order. */
  get characters(): string[] {
    return [...this.#names];
  }

  /** Eighths of a page so far: round(lines × 8 / 55), at least 1. */
  get eighths(): number {
    return Math.max(1, Math.round(this.#lines * 8 / LINES_PER_PAGE));
  }
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
  return [...normalisedParts(heading, body)].join("");
}

/**
 * `normalisedText` in parts, a long text a chunk at a time. Trimming
 * before collapsing is the same as after: the ends are then whitespace
 * no longer.
 */
function* normalisedParts(heading: string, body: Element[]): Generator<string> {
  yield* collapsedChunks(heading.trim());
  for (const el of body) {
    yield `\n${el.type}:`;
    yield* collapsedChunks(elementText(el).trim());
  }
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

/**
 * SHA-256 hex of `normalisedText` via Web Crypto (browser and Deno). With
 * a `pacer`, building the text of a huge scene yields along the way.
 */
export async function sceneHash(
  heading: string,
  body: Element[],
  pacer?: Pacer,
): Promise<string> {
  const text = new Joiner("");
  for (const part of normalisedParts(heading, body)) {
    // A chunk of a long text weighs more than an element's prefix.
    if (pacer?.due(1 + (part.length >> 10))) await pacer.pause();
    text.add(part);
  }
  const bytes = new TextEncoder().encode(text.join());
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/**
 * Turns clean lines into screenplay elements. Classification needs only
 * the line itself and whether its neighbours are blank, so one forward
 * pass does it; a cue consumes its dialogue block in the same pass.
 *
 * @module
 */
import { readCue } from "./cue.ts";
import { hasHeadingPrefix, splitSceneNumber } from "./heading.ts";
import { Joiner } from "./joiner.ts";
import { Pacer } from "./pacer.ts";
import type { Lines } from "./preprocess.ts";
import type { Element } from "./types.ts";
import type { Warnings } from "./warnings.ts";

const PAGE_BREAK = /^={3,}$/;

/**
 * Classifies `lines` from `start` (the body after any title page) into
 * elements, scene headings included. Sections (`#`) and synopses (`=`)
 * are dropped first: they describe the outline, not what is filmed, and
 * a synopsis sits right under its heading where it would otherwise spoil
 * the heading's blank-line test.
 *
 * @example
 * ```ts
 * const lines = { text: ["EXT. PIER - DAY"], line: Int32Array.of(1) };
 * await tokenize(lines, 0, new Warnings());
 * // [{ type: "scene_heading", text: "EXT. PIER - DAY", number: null }]
 * ```
 */
export async function tokenize(
  lines: Lines,
  start: number,
  warnings: Warnings,
  pacer: Pacer = new Pacer(),
): Promise<Element[]> {
  // Sized up front, like the lines (see `preprocess`).
  const body = new Array<string>(lines.text.length - start);
  const numbers = new Int32Array(body.length);
  let count = 0;
  for (let i = start; i < lines.text.length; i++) {
    if (pacer.due()) await pacer.pause();
    if (isOutline(lines.text[i])) continue;
    body[count] = lines.text[i];
    numbers[count++] = lines.line[i];
  }
  body.length = count;
  const out: Element[] = [];
  const action = new Joiner("\n");
  const flushAction = () => {
    if (!action.empty) out.push({ type: "action", text: action.join() });
  };
  const blank = (i: number) => i < 0 || i >= body.length || body[i] === "";

  for (let i = 0; i < body.length; i++) {
    if (pacer.due()) await pacer.pause();
    const text = body[i];
    if (text === "") {
      flushAction();
      continue;
    }
    const t = text.trimStart();
    const before = blank(i - 1);
    const after = blank(i + 1);

    if (PAGE_BREAK.test(t)) {
      flushAction();
      out.push({ type: "page_break" });
    } else if (t.startsWith("!")) {
      // Forced action keeps the rest of the line exactly as typed.
      action.add(t.slice(1));
    } else if (before && /^\.[^.\s]/.test(t)) {
      flushAction();
      const [heading, number] = splitSceneNumber(t.slice(1));
      out.push({ type: "scene_heading", text: heading, number });
    } else if (before && hasHeadingPrefix(t)) {
      if (after) {
        flushAction();
        const [heading, number] = splitSceneNumber(t);
        out.push({ type: "scene_heading", text: heading, number });
      } else {
        warnings.add(
          `Line ${
            numbers[i]
          } looks like a scene heading but has no blank line after it: treated as action`,
        );
        action.add(text);
      }
    } else if (t.startsWith(">") && t.endsWith("<") && t.length > 2) {
      flushAction();
      out.push({ type: "action", text: t.slice(1, -1).trim(), centered: true });
    } else if (t.startsWith(">") && t.length > 1) {
      flushAction();
      out.push({ type: "transition", text: t.slice(1).trim() });
    } else if (t.startsWith("~")) {
      flushAction();
      out.push({ type: "lyrics", text: t.slice(1).trim() });
    } else if (before && !after && readCue(t)) {
      flushAction();
      i = await dialogueBlock(body, i, out, pacer);
    } else if (before && after && isTransition(t)) {
      flushAction();
      out.push({ type: "transition", text: t });
    } else {
      action.add(text);
    }
  }
  flushAction();
  return out;
}

/**
 * Emits the cue at `i` and the dialogue block under it (up to the next
 * blank line); returns the index of the block's last line.
 */
async function dialogueBlock(
  body: string[],
  i: number,
  out: Element[],
  pacer: Pacer,
): Promise<number> {
  const cue = readCue(body[i])!;
  if (cue.dual) markPreviousCueDual(out);
  out.push({
    type: "character",
    name: cue.name,
    extension: cue.extension,
    dual: cue.dual,
  });
  const speech = new Joiner("\n");
  const flushSpeech = () => {
    if (!speech.empty) out.push({ type: "dialogue", text: speech.join() });
  };
  let j = i + 1;
  for (; j < body.length && body[j] !== ""; j++) {
    if (pacer.due()) await pacer.pause();
    const d = body[j].trim();
    if (d.startsWith("(") && d.endsWith(")")) {
      flushSpeech();
      out.push({ type: "parenthetical", text: d });
    } else if (d.startsWith("~")) {
      flushSpeech();
      out.push({ type: "lyrics", text: d.slice(1).trim() });
    } else {
      speech.add(d);
    }
  }
  flushSpeech();
  return j - 1;
}

/**
 * The `^` goes on the second cue only, but a renderer needs both columns:
 * mark the cue of the dialogue block just before, if there is one.
 */
function markPreviousCueDual(out: Element[]): void {
  for (let k = out.length - 1; k >= 0; k--) {
    const el = out[k];
    if (el.type === "character") {
      el.dual = true;
      return;
    }
    if (
      el.type !== "dialogue" && el.type !== "parenthetical" &&
      el.type !== "lyrics"
    ) return;
  }
}

/** An ALL-CAPS line ending in "TO:", such as "CUT TO:". */
function isTransition(t: string): boolean {
  return t.endsWith("TO:") && t === t.toUpperCase();
}

/** Section (`#`) or synopsis (`=`, but not a `===` page break). */
function isOutline(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith("#") || (t.startsWith("=") && !PAGE_BREAK.test(t));
}

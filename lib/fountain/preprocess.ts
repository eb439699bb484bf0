/**
 * Turns raw text into clean logical lines: no BOM, any line ending, tabs
 * as four spaces (as the Fountain spec says), no trailing whitespace, and
 * with boneyard (`/* … *\/`) and notes (`[[ … ]]`) cut out.
 *
 * Everything here is a left-to-right pass with `indexOf` (each search
 * resuming where the last stopped) and no regular expressions over user
 * text, and the text kept from each line is joined once, so the cost is
 * linear whatever the input looks like (`linear_test.ts`).
 *
 * @module
 */
import { Pacer } from "./pacer.ts";
import type { Warnings } from "./warnings.ts";

/**
 * The cleaned lines, as two parallel arrays rather than an object per
 * line: a million blank lines then cost two array slots each and no
 * allocation, which keeps garbage collection (and its pauses) small.
 */
export interface Lines {
  /** Each line's text, trailing whitespace removed ("" for a blank line). */
  text: string[];
  /** Each line's 1-based number in the original source, for warnings. */
  line: Int32Array;
}

type Mode = "text" | "boneyard" | "note";

/**
 * Splits and cleans `source`. A line that only held boneyard or a note is
 * dropped rather than left blank, so a note on its own line between a cue
 * and its dialogue does not split them.
 *
 * @example
 * ```ts
 * const w = new Warnings();
 * (await preprocess("\uFEFFA [[note]]B\r\n/* gone *\/\r\nC", w)).text;
 * // ["A B", "C"]
 * ```
 */
export async function preprocess(
  source: string,
  warnings: Warnings,
  pacer: Pacer = new Pacer(),
): Promise<Lines> {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  // Sized up front: growing an array of a million lines copies it each
  // time it fills, and the last copies stall the event loop for tens of
  // milliseconds each.
  const most = await lineBreaks(text, pacer) + 1;
  const texts = new Array<string>(most);
  const numbers = new Int32Array(most);
  let count = 0;
  let mode = "text" as Mode;
  let openedAt = 0;
  let n = 0;

  for (const raw of rawLines(text)) {
    n++;
    if (pacer.due()) await pacer.pause();
    const line = expandTabs(raw).trimEnd();

    // Notes may span lines but never a blank one (spec), so a blank line
    // ends an unclosed note instead of swallowing the rest of the script.
    if (mode === "note" && line === "") {
      warnings.add(
        `Unterminated note at line ${openedAt}: treated as ending at the blank line (line ${n})`,
      );
      mode = "text";
    }
    if (mode === "text" && !line.includes("/*") && !line.includes("[[")) {
      texts[count] = line;
      numbers[count++] = n;
      continue;
    }

    // The kept pieces go in an array joined once: appending to a string
    // and asking it `endsWith(" ")` flattens it every time, which made a
    // line of 2 MiB of "/*" quadratic. Openers are found with `indexOf`,
    // each search resuming where the last one stopped.
    const kept = new Kept();
    let bone = -2; // next "/*" at or after k; -2 not searched, -1 none
    let note = -2; // the same for "[["
    let k = 0;
    while (k < line.length) {
      if (pacer.due()) await pacer.pause();
      if (mode === "text") {
        if (bone !== -1 && bone < k) bone = line.indexOf("/*", k);
        if (note !== -1 && note < k) note = line.indexOf("[[", k);
        const open = bone < 0 ? note : note < 0 ? bone : Math.min(bone, note);
        if (open < 0) {
          kept.add(line.slice(k));
          break;
        }
        kept.add(line.slice(k, open));
        mode = open === bone ? "boneyard" : "note";
        openedAt = n;
        k = open + 2;
      } else {
        const end = line.indexOf(mode === "boneyard" ? "*/" : "]]", k);
        if (end < 0) break;
        k = end + 2;
        mode = "text";
      }
    }
    const cleaned = kept.text();
    if (cleaned !== "") {
      texts[count] = cleaned;
      numbers[count++] = n;
    }
  }

  if (mode === "boneyard") {
    warnings.add(
      `Unterminated boneyard at line ${openedAt}: treated as ending at end of file`,
    );
  } else if (mode === "note") {
    warnings.add(
      `Unterminated note at line ${openedAt}: treated as ending at end of file`,
    );
  }
  texts.length = count;
  return { text: texts, line: numbers.subarray(0, count) };
}

/** How many "\n" and "\r" `text` holds: at least its lines, less one. */
async function lineBreaks(text: string, pacer: Pacer): Promise<number> {
  let count = 0;
  for (const ch of ["\n", "\r"]) {
    for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
      count++;
      if (pacer.due()) await pacer.pause();
    }
  }
  return count;
}

/**
 * The raw lines of `text`, split at "\n", "\r\n" or a lone "\r". A final
 * line ending does not start another (blank) line. Each `indexOf` resumes
 * past the break it found last, so every character is scanned once per
 * kind of break: linear, with no normalised copy of the whole text.
 */
function* rawLines(text: string): Generator<string> {
  let start = 0;
  let lf = text.indexOf("\n");
  let cr = text.indexOf("\r");
  while (true) {
    if (lf >= 0 && lf < start) lf = text.indexOf("\n", start);
    if (cr >= 0 && cr < start) cr = text.indexOf("\r", start);
    const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (end < 0) {
      yield text.slice(start);
      return;
    }
    yield text.slice(start, end);
    const crlf = end === cr && lf === end + 1;
    start = end + (crlf ? 2 : 1);
    if (start === text.length) return;
  }
}

const FOUR_SPACES = "    ";

/**
 * Tabs as four spaces. A run of tabs becomes one `repeat`, so a line of a
 * million tabs is one piece, not a million replacements.
 */
function expandTabs(line: string): string {
  let tab = line.indexOf("\t");
  if (tab < 0) return line;
  const parts: string[] = [];
  let from = 0;
  while (tab >= 0) {
    let end = tab + 1;
    while (line.charCodeAt(end) === 0x09) end++;
    parts.push(line.slice(from, tab), FOUR_SPACES.repeat(end - tab));
    from = end;
    tab = line.indexOf("\t", from);
  }
  parts.push(line.slice(from));
  return parts.join("");
}

/**
 * The text of one line around its cut-out notes and boneyard. A piece
 * that follows a space loses its leading whitespace, so "glass. [[x]] Rain"
 * reads "glass. Rain", not "glass.  Rain".
 */
class Kept {
  #pieces: string[] = [];
  #afterSpace = false;

  /** Appends the text up to the next cut. */
  add(piece: string): void {
    const text = this.#afterSpace ? piece.trimStart() : piece;
    if (text === "") return;
    this.#pieces.push(text);
    this.#afterSpace = text.endsWith(" ");
  }

  /** The joined line, trailing whitespace removed. */
  text(): string {
    return this.#pieces.join("").trimEnd();
  }
}

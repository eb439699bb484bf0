/**
 * Adversarial Fountain inputs, one or more per construct the parser
 * special-cases, for the linearity test (`linear_test.ts`) and the bench
 * (`bench/fountain_bench.ts`). Each is a unit repeated to a requested
 * size, so doubling the size doubles the work a linear parser does. Not
 * part of the public API (`mod.ts` does not export it).
 *
 * @module
 */

/** One adversarial input. */
export interface Adversarial {
  /** The construct and the shape of the attack. */
  name: string;
  /** The input, `size` UTF-16 code units long (ASCII: also `size` bytes). */
  make: (size: number) => string;
  /**
   * The size n at which the linearity test compares n with 2n. Big enough
   * to measure (and for the old quadratic cut of boneyard to show), small
   * enough that n and 2n stay in the CPU cache: past about 1 MiB every
   * copy of the text costs more per byte on a busy machine, which reads as
   * super-linear growth that is not the parser's. Smaller where every few
   * bytes make a line, an element or a scene, to keep the test quick.
   */
  n: number;
}

const KiB = 1024;

/** `head`, then `unit` repeated and cut to fill `size`, then `tail`. */
function fill(unit: string, size: number, head = "", tail = ""): string {
  const room = Math.max(0, size - head.length - tail.length);
  const body = unit.repeat(Math.ceil(room / unit.length)).slice(0, room);
  return head + body + tail;
}

const H = "INT. LIGHTHOUSE - NIGHT\n\n";

/** A long line made of `unit`, after a scene heading. */
const line = (
  name: string,
  unit: string,
  head = H,
  tail = "",
): Adversarial => ({
  name,
  make: (size) => fill(unit, size, head, tail),
  n: 256 * KiB,
});

/** Many short lines or elements. */
const lines = (name: string, unit: string, head = H): Adversarial => ({
  name,
  make: (size) => fill(unit, size, head),
  n: 64 * KiB,
});

/** Many scenes: each is hashed, which costs far more per byte. */
const scenes = (name: string, unit: string): Adversarial => ({
  name,
  make: (size) => fill(unit, size),
  n: 16 * KiB,
});

/** Every adversarial input, in the order the bench reports them. */
export const ADVERSARIAL: readonly Adversarial[] = [
  // Boneyard and notes: openers and cut-outs on one line (a line of "/*"
  // was the 38 s import), on every line, never closed, interleaved.
  line("boneyard: /* repeated on one line", "/*"),
  line("boneyard: */ closers on one line", "*/"),
  line("boneyard: x/**/ cut-outs on one line", "x/**/"),
  line("boneyard: ' /**/ ' cut-outs between spaces", "a /**/ "),
  lines("boneyard: /* on every line", "/*\n"),
  lines("boneyard: unterminated, then text", "Gulls wheel.\n", H + "/* "),
  line("notes: [[ repeated on one line", "[["),
  line("notes: x[[n]] cut-outs on one line", "x[[n]]"),
  lines("notes: [[ on every line", "[[\n"),
  lines("notes: unterminated, each ended by a blank line", "[[open\n\n"),
  line("nesting: /*[[ interleaved", "/*[["),
  line("nesting: [[/* ]]*/ interleaved", "[[/* ]]*/"),
  // Emphasis stays in the text as written, but runs must cost nothing.
  line("emphasis: * run", "*"),
  line("emphasis: _ run", "_"),
  lines("emphasis: ***_bold_*** lines", "***_bold_***\n"),
  // Centred text, transitions, lyrics.
  lines("centred: > THE END < lines", "> THE END <\n\n"),
  line("centred: > spaces <", " ", H + ">", "<\n"),
  line("centred: > run", ">"),
  lines("transitions: CUT TO: blocks", "CUT TO:\n\n"),
  line("transitions: TO: run", "TO:"),
  lines("lyrics: ~ lines", "~la la\n"),
  // Forced elements.
  line("forced: ! run", "!"),
  lines("forced: ! lines", "!ACTION\n"),
  lines("forced: @ cues", "@McBride\nHi.\n\n"),
  line("forced: @ run", "@", H + "\n", "\nHi.\n"),
  scenes("forced: . headings", ".PIER\n\n"),
  line("forced: . run", ".", "\n"),
  // Outline and page breaks.
  lines("sections: # lines", "# Act\n"),
  line("sections: # run", "#"),
  lines("synopses: = lines", "= beat\n"),
  line("synopses: = run, then text", "=", H, "x"),
  lines("page breaks: === lines", "===\n"),
  line("page breaks: = run", "="),
  // Lines and whitespace.
  line("long line: letters", "x"),
  line("long line: spaces, then x", " ", H, "x"),
  line("long line: tabs", "\t", H, "x"),
  lines("blank lines: \\n run", "\n"),
  lines("blank lines: spaces and \\n", "  \n"),
  lines("line endings: \\r\\n run", "\r\n"),
  lines("line endings: \\r run", "\r"),
  scenes(
    "line endings: CRLF scenes with tabs",
    "INT.\tA\r\n\r\n\tGulls.\r\n\r\n",
  ),
  // Title page.
  lines("title page: many keys", "Draft: x\n", "Title: T\n"),
  lines("title page: continuation lines", "   more\n", "Title: T\n"),
  line("title page: long key without a colon", "a", "Title", "\n"),
  line("title page: long value", "v", "Title: ", "\n\nx"),
  // Dialogue.
  lines("cues: cue, ( alternating, no blank line", "\nA\n("),
  lines("dual dialogue: ^ cues", "A ^\nHi.\n\n"),
  line("dual dialogue: ^ run", "^", H + "A ", "\nHi.\n"),
  lines("dialogue: one block, many lines", "Storm's early.\n", H + "MARGIT\n"),
  lines("parentheticals: one block", "(quietly)\n", H + "MARGIT\n"),
  line("parentheticals: ( run", "(", H + "MARGIT\n"),
  line("cues: extension run", "(V.O.)", H + "\nA ", "\nHi.\n"),
  // Headings and scene numbers.
  scenes("headings: many scenes", "INT. A - DAY\n\n"),
  // No heading first: every line is action, and no scene is left.
  lines(
    "headings: no blank line after (warnings)",
    "\nINT. A - DAY\nGulls.\n",
    "",
  ),
  line("headings: ' - ' run", " - ", "INT. A", "\n\n"),
  line("headings: spaces inside", " ", "INT.", "A\n\n"),
  line("scene numbers: #1 run", "#1", "INT. A #", "#\n\n"),
  line("scene numbers: # run", "#", "INT. A ", "\n\n"),
  scenes("scene numbers: many numbered scenes", "INT. A #1A#\n\n"),
  // Wide characters: "é" is 2 bytes of UTF-8, so `size` characters of it
  // would be 2 × size bytes; this one fills half and stays in the limit.
  {
    name: "unicode: é run",
    make: (size) => fill("é", Math.floor(size / 2), H),
    n: 256 * KiB,
  },
];

/**
 * `parseFountain`: guards, then preprocess → title page → elements →
 * scenes. Each stage is linear in the input (`linear_test.ts` checks it
 * on adversarial input for every construct), and all stages share one
 * `Pacer`, so a long parse yields to the event loop every few
 * milliseconds instead of blocking the server (`pacer.ts` says why).
 *
 * @module
 */
import { assertSize, assertText, DEFAULT_MAX_BYTES } from "./guard.ts";
import { preprocess } from "./preprocess.ts";
import { buildScenes } from "./scenes.ts";
import { readTitlePage } from "./title_page.ts";
import { tokenize } from "./tokenizer.ts";
import { FountainError } from "./errors.ts";
import { Pacer } from "./pacer.ts";
import type { ParsedScript } from "./types.ts";
import { Warnings } from "./warnings.ts";

/** Options for `parseFountain`. */
export interface ParseOptions {
  /** Largest accepted input in UTF-8 bytes; default 2 MiB. */
  maxBytes?: number;
  /**
   * Most scene headings accepted; default no limit. Checked before the
   * scenes are built and hashed, which is most of the cost of a script
   * of tiny scenes.
   */
  maxScenes?: number;
}

/**
 * Parses a Fountain screenplay into scenes.
 *
 * Never throws on malformed Fountain: an unterminated boneyard or note,
 * a heading without its blank line and the like are parsed best-effort
 * and reported in `warnings`. It rejects (with `FountainError`) only
 * input over `maxBytes` (`too_large`) or input that is not text
 * (`binary`), both checked before any parsing work, and input with more
 * than `maxScenes` scene headings (`too_many_scenes`).
 *
 * @example
 * ```ts
 * const script = await parseFountain(
 *   "Title: Keeper\n\nINT. LIGHTHOUSE - NIGHT #1#\n\nMARGIT\nStorm's early.\n",
 * );
 * script.title; // "Keeper"
 * script.scenes[0].location; // "LIGHTHOUSE"
 * script.scenes[0].characters; // ["MARGIT"]
 * ```
 */
export function parseFountain(
  source: string,
  options: ParseOptions = {},
): Promise<ParsedScript> {
  return parseWith(source, options, new Pacer());
}

/**
 * `parseFountain` with the caller's `Pacer`, so a test can make the parse
 * yield far more often than it would and check that nothing changes.
 * Not exported from `mod.ts`.
 */
export async function parseWith(
  source: string,
  options: ParseOptions,
  pacer: Pacer,
): Promise<ParsedScript> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be a finite number ≥ 0: ${maxBytes}`);
  }
  const maxScenes = options.maxScenes ?? Infinity;
  if (Number.isNaN(maxScenes) || maxScenes < 0) {
    throw new RangeError(`maxScenes must be a number ≥ 0: ${maxScenes}`);
  }
  assertSize(source, maxBytes);
  assertText(source);

  const warnings = new Warnings();
  const lines = await preprocess(source, warnings, pacer);
  const titlePage = await readTitlePage(lines, pacer);
  const elements = await tokenize(
    lines,
    titlePage.bodyStart,
    warnings,
    pacer,
  );
  const headings = elements.reduce(
    (n, el) => el.type === "scene_heading" ? n + 1 : n,
    0,
  );
  if (headings > maxScenes) {
    throw new FountainError(
      "too_many_scenes",
      `Script has ${headings} scenes; the limit is ${maxScenes}`,
      headings,
    );
  }
  const scenes = await buildScenes(elements, pacer);
  return {
    title: titlePage.title,
    titlePage: titlePage.fields,
    scenes,
    warnings: warnings.list(),
  };
}

/**
 * `parseFountain`: guards, then preprocess → title page → elements →
 * scenes. Each stage is linear in the input.
 *
 * @module
 */
import { assertSize, assertText, DEFAULT_MAX_BYTES } from "./guard.ts";
import { preprocess } from "./preprocess.ts";
import { buildScenes } from "./scenes.ts";
import { readTitlePage } from "./title_page.ts";
import { tokenize } from "./tokenizer.ts";
import type { ParsedScript } from "./types.ts";
import { Warnings } from "./warnings.ts";

/** Options for `parseFountain`. */
export interface ParseOptions {
  /** Largest accepted input in UTF-8 bytes; default 2 MiB. */
  maxBytes?: number;
}

/**
 * Parses a Fountain screenplay into scenes.
 *
 * Never throws on malformed Fountain: an unterminated boneyard or note,
 * a heading without its blank line and the like are parsed best-effort
 * and reported in `warnings`. It rejects (with `FountainError`) only
 * input over `maxBytes` (`too_large`) or input that is not text
 * (`binary`); both are checked before any parsing work.
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
export async function parseFountain(
  source: string,
  options: ParseOptions = {},
): Promise<ParsedScript> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be a finite number ≥ 0: ${maxBytes}`);
  }
  assertSize(source, maxBytes);
  assertText(source);

  const warnings = new Warnings();
  const lines = preprocess(source, warnings);
  const titlePage = readTitlePage(lines);
  const elements = tokenize(lines.slice(titlePage.bodyStart), warnings);
  const scenes = await buildScenes(elements);
  return {
    title: titlePage.title,
    titlePage: titlePage.fields,
    scenes,
    warnings: warnings.list(),
  };
}

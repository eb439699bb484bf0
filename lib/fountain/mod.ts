/**
 * Fountain screenplay parsing for ProdSight: plain text in, scenes with
 * settings, locations, times of day, speaking characters, page eighths
 * and content hashes out. Pure TypeScript with no dependencies; runs in
 * Deno and in the browser (hashing uses Web Crypto).
 *
 * @example
 * ```ts
 * import { FountainError, parseFountain } from "@/lib/fountain/mod.ts";
 *
 * const { scenes, warnings } = await parseFountain(text);
 * for (const s of scenes) console.log(s.index, s.heading, s.eighths);
 * ```
 *
 * @module
 */
export type { Element, ParsedScript, Scene, Setting } from "./types.ts";
export { FountainError, type FountainErrorCode } from "./errors.ts";
export { parseFountain, type ParseOptions } from "./parser.ts";
export { DEFAULT_MAX_BYTES } from "./guard.ts";

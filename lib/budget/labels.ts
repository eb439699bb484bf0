/**
 * The section labels, kept at this path for its importers: the one table
 * lives in `shared.ts`.
 *
 * @module
 */
export { SECTION_LABELS } from "./shared.ts";

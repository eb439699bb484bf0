/**
 * THE labels of the budget's sections, used by the budget page, its CSV
 * export and the reports page alike, so a section reads the same
 * everywhere. Browser-safe (types only from schemas.ts).
 *
 * @module
 */
import type { Section } from "./schemas.ts";

/** Sections in top-sheet order with their labels (schemas.ts `SECTIONS`). */
export const SECTION_LABELS: Record<Section, string> = {
  above_the_line: "Above the line",
  below_the_line: "Below the line",
  post: "Post-production",
  other: "Other",
};

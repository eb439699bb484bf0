import {
  type BreakdownCategory,
  CATEGORY_LABELS,
  CATEGORY_STYLES,
} from "@/lib/script/breakdown.ts";

/** The category's colour as CSS custom properties for its swatch and tags. */
export function categoryVars(category: BreakdownCategory): string {
  const style = CATEGORY_STYLES[category];
  return `--cat-color: ${style.color}; --cat-ink: ${style.ink}`;
}

/**
 * A category's colour swatch (in its breakdown-sheet mark: highlight,
 * circle, box, asterisk, underline) with its label: colour never alone.
 */
export function CategoryLabel({ category }: { category: BreakdownCategory }) {
  return (
    <span class="cat-label" style={categoryVars(category)}>
      <span
        class="cat-swatch"
        data-mark={CATEGORY_STYLES[category].mark}
        aria-hidden="true"
      />
      {CATEGORY_LABELS[category]}
    </span>
  );
}

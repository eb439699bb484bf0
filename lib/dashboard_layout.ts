/**
 * Which of the dashboard's two stacks each card goes in, so the stacks end
 * at about the same height for every role and amount of data (no half-empty
 * column). Decided once, on the server, from estimated card heights: live
 * updates change a card's height but never move it to the other column.
 *
 * @module
 */

/** Where a card belongs: a fixed stack, or whichever is shorter. */
export type Column = "main" | "side";

/** A card to place: its estimated height (px at 1366 px) and its stack. */
export interface CardPlan<K extends string> {
  key: K;
  height: number;
  column: Column | "either";
}

/** The gap between stacked cards, px. */
export const CARD_GAP = 16;
// 2^8 splits at most: a handful of cards, decided once per page.
const MAX_FLEXIBLE = 8;

/** Padding, heading and spacing every card has, px. */
export const CARD_CHROME = 76;

/**
 * Places the fixed cards, then shares the flexible ones between the stacks
 * so that they end as close together as possible (every split is tried:
 * a dashboard has a handful of cards). Order within a stack is the order
 * of `cards`; a tie between equally good splits is always broken the same
 * way.
 *
 * @example
 * ```ts
 * planColumns([
 *   { key: "activity", height: 600, column: "main" },
 *   { key: "news", height: 200, column: "side" },
 *   { key: "team", height: 250, column: "either" },
 * ]); // { main: ["activity"], side: ["news", "team"] }
 * ```
 */
export function planColumns<K extends string>(
  cards: CardPlan<K>[],
): Record<Column, K[]> {
  const flexible = cards.filter((c) => c.column === "either");
  if (flexible.length > MAX_FLEXIBLE) {
    throw new RangeError(`At most ${MAX_FLEXIBLE} flexible cards`);
  }
  const stackHeight = (list: CardPlan<K>[]) =>
    list.reduce((sum, c, i) => sum + c.height + (i > 0 ? CARD_GAP : 0), 0);
  let best: Map<K, Column> = new Map();
  let bestGap = Infinity;
  // Bit i set: flexible card i goes to the main stack.
  for (let mask = 0; mask < 1 << flexible.length; mask++) {
    const placed = new Map<K, Column>();
    for (const card of cards) {
      if (card.column !== "either") placed.set(card.key, card.column);
    }
    flexible.forEach((card, i) =>
      placed.set(card.key, mask & (1 << i) ? "main" : "side")
    );
    const height = (column: Column) =>
      stackHeight(cards.filter((c) => placed.get(c.key) === column));
    const gap = Math.abs(height("main") - height("side"));
    if (gap < bestGap) [best, bestGap] = [placed, gap];
  }
  const keys = (column: Column) =>
    cards.filter((c) => best.get(c.key) === column).map((c) => c.key);
  return { main: keys("main"), side: keys("side") };
}

/** Lines a text takes at about `perLine` characters a line. */
export function lines(text: string, perLine: number): number {
  return Math.max(1, Math.ceil(text.length / perLine));
}

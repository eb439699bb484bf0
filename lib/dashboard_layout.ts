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
/** Padding, heading and spacing every card has, px. */
export const CARD_CHROME = 76;

/**
 * Places the fixed cards first, then each flexible card, in order, at the
 * end of the stack that is shorter so far. Order within a stack is the
 * order of `cards`.
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
  const height: Record<Column, number> = { main: 0, side: 0 };
  const placed = new Map<K, Column>();
  const add = (card: CardPlan<K>, column: Column) => {
    placed.set(card.key, column);
    height[column] += card.height + (height[column] > 0 ? CARD_GAP : 0);
  };
  for (const card of cards) {
    if (card.column !== "either") add(card, card.column);
  }
  for (const card of cards) {
    if (card.column === "either") {
      add(card, height.side <= height.main ? "side" : "main");
    }
  }
  const keys = (column: Column) =>
    cards.filter((c) => placed.get(c.key) === column).map((c) => c.key);
  return { main: keys("main"), side: keys("side") };
}

/** Lines a text takes at about `perLine` characters a line. */
export function lines(text: string, perLine: number): number {
  return Math.max(1, Math.ceil(text.length / perLine));
}

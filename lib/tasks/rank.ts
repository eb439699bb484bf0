/**
 * Fractional ranks: order keys as strings, so moving a card writes only
 * that card. A rank is a base-62 fraction (digits after "0."), compared as
 * a string; it never ends in "0", so every rank has a unique spelling.
 *
 * No zod and no server imports: the board island uses this too.
 *
 * @module
 */

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE = DIGITS.length;

/** A valid rank: 1–128 base-62 digits, not ending in "0". */
export const RANK_PATTERN = /^[0-9A-Za-z]{0,127}[1-9A-Za-z]$/;

function digit(char: string | undefined): number {
  return char === undefined ? 0 : DIGITS.indexOf(char);
}

/**
 * A rank strictly between `before` and `after` (either may be null: the
 * start or the end of the column).
 *
 * @example
 * ```ts
 * rankBetween(null, null); // "U"
 * rankBetween("U", null); // "V"
 * rankBetween("U", "V"); // "UU"
 * ```
 */
export function rankBetween(
  before: string | null,
  after: string | null,
): string {
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`rank ${before} is not before ${after}`);
  }
  // Appending and prepending are the common moves: step by one digit
  // instead of halving, so ranks grow by a digit only every ~30 moves.
  if (after === null) return before === null ? "U" : append(before);
  if (before === null) return prepend(after);
  return midpoint(before, after);
}

function append(a: string): string {
  const d = digit(a[0]);
  return d < BASE - 1 ? DIGITS[d + 1] : DIGITS[d] + append(a.slice(1));
}

function prepend(b: string): string {
  const d = digit(b[0]);
  if (d > 1) return DIGITS[d - 1];
  // "1" and "0…" have no one-digit rank below them: go one digit deeper.
  return b.length > 1 ? DIGITS[d] + prepend(b.slice(1)) : "0z";
}

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Keep the shared prefix (a is padded with zeros).
    let n = 0;
    while (n < b.length && (a[n] ?? "0") === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const low = digit(a[0]);
  const high = b === null ? BASE : digit(b[0]);
  if (high - low > 1) return DIGITS[Math.round((low + high) / 2)];
  // Adjacent digits: b's first digit alone already sorts between them when
  // b goes on; otherwise extend a.
  if (b !== null && b.length > 1) return b[0];
  return DIGITS[low] + midpoint(a.slice(1), null);
}

/** Compares two ranked items: by rank, then by id for equal ranks. */
export function byRank<T extends { rank: string; id: string }>(
  x: T,
  y: T,
): number {
  if (x.rank !== y.rank) return x.rank < y.rank ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * Ranks longer than this are never kept: a move or append that would need
 * one rebalances its column first (ranks grow a digit per ~30 appends or ~6
 * drops in one spot, so real boards stay far below it), and a longer rank
 * sent by a client only says where the card goes. The hard limit of stored
 * ranks ({@linkcode RANK_PATTERN}) stays twice as long, so a column can
 * always be rebalanced.
 */
export const RANK_SOFT_LIMIT = 64;

/** Whether a rank leaves room: short enough to keep and to extend. */
export function roomy(rank: string): boolean {
  return rank.length <= RANK_SOFT_LIMIT;
}

function toInteger(rank: string, digits: number): bigint {
  let n = 0n;
  for (let i = 0; i < digits; i++) {
    n = n * BigInt(BASE) + BigInt(digit(rank[i]));
  }
  return n;
}

function fromInteger(n: bigint, digits: number): string {
  let out = "";
  for (let i = 0; i < digits; i++) {
    out = DIGITS[Number(n % BigInt(BASE))] + out;
    n /= BigInt(BASE);
  }
  return out.replace(/0+$/, "");
}

/**
 * `n` short ranks, evenly spread, all strictly before `first` (the column's
 * current first rank; null for an empty column). Rewriting a column's cards
 * with them in order, top card first, keeps the column in order at every
 * step: each rewritten card lands before every card not yet rewritten.
 *
 * @example
 * ```ts
 * spreadBelow("U", 3); // ["7", "F", "M"]
 * ```
 */
export function spreadBelow(first: string | null, n: number): string[] {
  if (n === 0) return [];
  for (let digits = 1; digits <= RANK_SOFT_LIMIT; digits++) {
    const room = first === null
      ? BigInt(BASE) ** BigInt(digits)
      : toInteger(first, digits);
    const gaps = BigInt(n + 1);
    if (room < gaps) continue;
    return Array.from(
      { length: n },
      (_, i) => fromInteger(room * BigInt(i + 1) / gaps, digits),
    );
  }
  throw new RangeError("no room below the first rank");
}

/**
 * Budget money math on integer minor units ("cents"): limits, exact totals,
 * spend percentages, alert levels, decimal strings and display formatting.
 *
 * No zod and no server-only imports: islands import this file into the
 * browser, and server render and islands must format money identically.
 *
 * @module
 */

/**
 * The largest amount one field may hold: 10^13 minor units (100 billion in a
 * two-decimal currency). Far above any production budget, far below
 * `Number.MAX_SAFE_INTEGER`, so sums of many amounts stay exact integers.
 */
export const MAX_CENTS = 10_000_000_000_000;

/**
 * At most this many budget categories. With each category's allocation and
 * spend capped at {@linkcode MAX_CENTS}, the totals of even twice this many
 * stay below `Number.MAX_SAFE_INTEGER`: totals never lose a cent.
 */
export const MAX_CATEGORIES = 400;

/** Spend thresholds that raise an alert, in percent of the allocation. */
export const ALERT_LEVELS = [80, 100] as const;

/** A threshold a category has reached: 0 (none), 80 or 100. */
export type AlertLevel = 0 | typeof ALERT_LEVELS[number];

/**
 * The locale money is formatted in unless one is given. Fixed rather than
 * the runtime's default so the server's HTML and the hydrated island agree.
 */
export const DEFAULT_LOCALE = "en-US";

/** Whether `value` is a whole number of minor units, exactly representable. */
export function isCents(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/**
 * Sums amounts exactly. Throws a RangeError instead of returning a rounded
 * total when an input is not a safe integer or the sum leaves the safe range.
 *
 * @example
 * ```ts
 * sumCents([1999, 1]); // 2000
 * ```
 */
export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) {
    if (!isCents(value)) throw new RangeError(`Not whole cents: ${value}`);
    total += value;
    // Each step is checked: once past 2^53 an addition may already round.
    if (!Number.isSafeInteger(total)) {
      throw new RangeError("The total is too large to add up exactly");
    }
  }
  return total;
}

/**
 * Spent as a percentage of allocated, rounded DOWN to one decimal, so a
 * display never shows "80.0 %" or "100.0 %" before the threshold is really
 * reached. Null when nothing is allocated: there is no meaningful
 * percentage of zero (see {@linkcode alertLevel} for "over budget").
 *
 * @example
 * ```ts
 * percent(7999, 10000); // 79.9
 * percent(1, 3); // 33.3
 * percent(500, 0); // null
 * ```
 */
export function percent(spent: number, allocated: number): number | null {
  if (allocated === 0) return null;
  // BigInt keeps spent × 1000 exact for any amount up to MAX_SAFE_INTEGER.
  const tenths = (BigInt(spent) * 1000n) / BigInt(allocated);
  return Number(tenths) / 10;
}

/**
 * The highest alert threshold the spend has reached, compared exactly
 * (spent × 100 ≥ allocated × level). Any spend on a category with nothing
 * allocated is over budget (100); no spend is never an alert.
 *
 * @example
 * ```ts
 * alertLevel(8000, 10000); // 80
 * alertLevel(7999, 10000); // 0
 * alertLevel(1, 0); // 100
 * ```
 */
export function alertLevel(spent: number, allocated: number): AlertLevel {
  if (spent <= 0) return 0;
  let reached: AlertLevel = 0;
  for (const level of ALERT_LEVELS) {
    if (BigInt(spent) * 100n >= BigInt(allocated) * BigInt(level)) {
      reached = level;
    }
  }
  return reached;
}

/**
 * The threshold a change of spend or allocation crossed from below, or null:
 * 80 → 90 % crosses nothing, 70 → 105 % crosses 100 (the highest one).
 *
 * @example
 * ```ts
 * crossedLevel({ spent: 7000, allocated: 10000 }, { spent: 8500, allocated: 10000 }); // 80
 * ```
 */
export function crossedLevel(
  before: { spent: number; allocated: number },
  after: { spent: number; allocated: number },
): 80 | 100 | null {
  const from = alertLevel(before.spent, before.allocated);
  const to = alertLevel(after.spent, after.allocated);
  return to > from && to !== 0 ? to : null;
}

/** A category's figures, as the budget view shows them. */
export interface BudgetFigures {
  allocatedCents: number;
  spentCents: number;
  /** Allocated minus spent; negative when over budget. */
  remainingCents: number;
  /** See {@linkcode percent}; null when nothing is allocated. */
  percent: number | null;
  /** See {@linkcode alertLevel}. */
  level: AlertLevel;
}

/**
 * Remaining, percentage and level of an allocation and its spend.
 *
 * @example
 * ```ts
 * figures({ allocatedCents: 10000, spentCents: 8500 }).remainingCents; // 1500
 * ```
 */
export function figures(
  amounts: { allocatedCents: number; spentCents: number },
): BudgetFigures {
  const { allocatedCents, spentCents } = amounts;
  return {
    allocatedCents,
    spentCents,
    remainingCents: allocatedCents - spentCents,
    percent: percent(spentCents, allocatedCents),
    level: alertLevel(spentCents, allocatedCents),
  };
}

/**
 * A category with its remaining amount, percentage and alert level added,
 * as the budget lists it (`GET /api/budget`, and each write's answer).
 */
export function toCategoryView<
  C extends { allocatedCents: number; spentCents: number },
>(category: C): C & BudgetFigures {
  return { ...category, ...figures(category) };
}

/**
 * The budget's totals over its categories, added up exactly.
 *
 * @example
 * ```ts
 * totals([{ allocatedCents: 100, spentCents: 50 }, { allocatedCents: 300, spentCents: 0 }]);
 * // { allocatedCents: 400, spentCents: 50, remainingCents: 350, percent: 12.5, level: 0 }
 * ```
 */
export function totals(
  categories: readonly { allocatedCents: number; spentCents: number }[],
): BudgetFigures {
  return figures({
    allocatedCents: sumCents(categories.map((c) => c.allocatedCents)),
    spentCents: sumCents(categories.map((c) => c.spentCents)),
  });
}

/**
 * Orders account codes as a top sheet does: digit runs by value, so "2300"
 * comes before "10100", and case is ignored.
 */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" }) ||
    (a < b ? -1 : a > b ? 1 : 0);
}

const digitsCache = new Map<string, number>();

/**
 * How many minor-unit digits `currency` has for display, as Intl knows it
 * (EUR 2, JPY 0, BHD 3). Throws a RangeError for a malformed code.
 */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency })
      .resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Minor units as an exact decimal string in `currency`, built from the
 * integer's digits rather than by dividing a float.
 *
 * @example
 * ```ts
 * toDecimal(1234, "EUR"); // "12.34"
 * toDecimal(-5, "EUR"); // "-0.05"
 * toDecimal(1234, "JPY"); // "1234"
 * ```
 */
export function toDecimal(cents: number, currency: string): string {
  if (!isCents(cents)) throw new RangeError(`Not whole cents: ${cents}`);
  return shiftDecimal(cents, minorDigits(currency));
}

/** `int` / 10^digits as an exact decimal string, by moving the point. */
function shiftDecimal(int: number, digits: number): string {
  const sign = int < 0 ? "-" : "";
  const abs = String(Math.abs(int));
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

const formatCache = new Map<string, Intl.NumberFormat>();

/**
 * Minor units for people to read: `formatMoney(123456, "EUR")` is
 * "€1,234.56", `formatMoney(1234, "JPY")` is "¥1,234". Exact for any whole
 * amount: Intl formats the decimal string, never a float quotient.
 */
export function formatMoney(
  cents: number,
  currency: string,
  locale: string = DEFAULT_LOCALE,
): string {
  const key = `${locale}|${currency}`;
  let format = formatCache.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatCache.set(key, format);
  }
  return format.format(toDecimal(cents, currency) as `${number}`);
}

/**
 * A percentage for display: "85.4 %" style per locale, or "—" for null
 * (nothing allocated).
 */
export function formatPercent(
  value: number | null,
  locale: string = DEFAULT_LOCALE,
): string {
  if (value === null) return "—";
  // value / 100 as a float could land just below a tenth (57.3 → 0.57299…)
  // and display one tenth low; the exact decimal string cannot.
  const tenths = Math.round(value * 10);
  return new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(shiftDecimal(tenths, 3) as `${number}`);
}

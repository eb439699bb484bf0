/**
 * Budget view logic shared by the server render, the BudgetView and
 * BudgetBurn islands: exact decimal input, grouping by section, and how a
 * `budget_update` event or an API answer changes what the page shows.
 *
 * Browser code: imports money.ts and types only (no zod, no server code).
 *
 * @module
 */
import {
  type BudgetFigures,
  compareCodes,
  figures,
  MAX_CENTS,
  minorDigits,
  totals,
} from "@/lib/budget/money.ts";
import {
  type BudgetUpdateData,
  type Category,
  type CategoryView,
  type Expense,
  type Section,
  SECTION_LABELS,
  type VfxCommitment,
} from "@/lib/budget/shared.ts";
import { type ExpenseList, insertExpense, removeExpense } from "./list.ts";

/** The section labels (the one table is lib/budget/shared.ts). */
export { SECTION_LABELS };

/** The sections, in top-sheet order. */
export const SECTION_ORDER = Object.keys(SECTION_LABELS) as Section[];

/** What the budget page shows, kept live by events. */
export interface BudgetData {
  /** ISO 4217 code; every amount is in its minor units. */
  currency: string;
  /** Sorted by code, like `GET /api/budget`. */
  categories: CategoryView[];
  /** The expense list, as loaded so far. */
  list: ExpenseList;
  /** What the VFX bids commit against the VFX line; null: no line. */
  vfx?: VfxCommitment | null;
}

/**
 * Ids of records known to be deleted, so a late event or a slow response
 * about them cannot bring them back.
 */
export interface Tombstones {
  categories: Set<string>;
  expenses: Set<string>;
}

/** Empty tombstones. */
export function tombstones(): Tombstones {
  return { categories: new Set(), expenses: new Set() };
}

// ---------------------------------------------------------------------------
// Money input

/** The outcome of reading an amount someone typed. */
export type AmountResult =
  | { ok: true; cents: number }
  | { ok: false; message: string };

const symbolCache = new Map<string, string>();

/** The currency's symbol as money.ts formats it ("€" for EUR). */
export function currencySymbol(currency: string): string {
  let symbol = symbolCache.get(currency);
  if (symbol === undefined) {
    symbol = new Intl.NumberFormat("en-US", { style: "currency", currency })
      .formatToParts(0).find((p) => p.type === "currency")?.value ??
      currency;
    symbolCache.set(currency, symbol);
  }
  return symbol;
}

/**
 * Reads a decimal amount typed by a person into exact minor units, with
 * string math only (never `parseFloat(x) * 100`, which turns "1.15" into
 * 114.99…). Accepts "1234.5", "1,234.50", "1234,50", "1.234,50", ".5" and
 * an optional currency symbol or code; refuses negative amounts, more
 * decimals than the currency has, exponents and anything over
 * {@linkcode MAX_CENTS}. Zero only with `allowZero` (allocations).
 *
 * @example
 * ```ts
 * parseAmount("1234.50", "EUR"); // { ok: true, cents: 123450 }
 * parseAmount("12.345", "EUR"); // { ok: false, message: "Use at most 2 decimals" }
 * ```
 */
export function parseAmount(
  text: string,
  currency: string,
  options: { allowZero?: boolean } = {},
): AmountResult {
  const digits = minorDigits(currency);
  const symbol = currencySymbol(currency);
  // Spaces (also no-break and narrow no-break) only ever group digits.
  let s = text.replace(/[\s\u00a0\u202f']/g, "");
  for (const mark of [currency, currency.toLowerCase(), symbol]) {
    if (s.startsWith(mark)) s = s.slice(mark.length);
    else if (s.endsWith(mark)) s = s.slice(0, -mark.length);
  }
  if (s === "") return fail("Enter an amount");
  if (/^[-−(]/.test(s)) {
    return fail(
      options.allowZero
        ? "The allocation cannot be negative"
        : "The amount must be more than zero",
    );
  }
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) {
    s = s.replaceAll(",", ""); // 1,234.50
  } else if (/^\d{1,3}(\.\d{3})+,\d*$/.test(s)) {
    s = s.replaceAll(".", "").replace(",", "."); // 1.234,50
  } else if (/^\d*,\d+$/.test(s)) {
    s = s.replace(",", "."); // 1234,50
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (match === null || (match[1] === "" && !match[2])) {
    return fail("Enter a number such as 1234.50");
  }
  const [, whole, fraction = ""] = match;
  if (fraction.length > digits) {
    return fail(
      digits === 0
        ? `${currency} amounts have no decimals`
        : `Use at most ${digits} decimals`,
    );
  }
  const minor = BigInt((whole || "0") + fraction.padEnd(digits, "0"));
  if (minor > BigInt(MAX_CENTS)) return fail("The amount is too large");
  if (minor === 0n && !options.allowZero) {
    return fail("The amount must be more than zero");
  }
  return { ok: true, cents: Number(minor) };
}

function fail(message: string): AmountResult {
  return { ok: false, message };
}

// ---------------------------------------------------------------------------
// Display helpers

/** A category as the view lists it: its record with remaining, percent, level. */
export function viewOf(category: Category): CategoryView {
  return { ...category, ...figures(category) };
}

/** The badge of a spend level, or null below 80 %. */
export function levelBadge(level: number): string | null {
  return level >= 100 ? "Over" : level >= 80 ? "80%" : null;
}

/** The row state class of a spend level. */
export function levelClass(level: number): string {
  return level >= 100 ? "is-over" : level >= 80 ? "is-warning" : "";
}

/** Categories grouped by section (top-sheet order), with subtotals. */
export function bySection(
  categories: readonly CategoryView[],
): {
  section: Section;
  label: string;
  rows: CategoryView[];
  sum: BudgetFigures;
}[] {
  return SECTION_ORDER.map((section) => {
    const rows = categories.filter((c) => c.section === section);
    return { section, label: SECTION_LABELS[section], rows, sum: totals(rows) };
  }).filter((group) => group.rows.length > 0);
}

/** Categories at or over 80 %, highest spend share first. */
export function alertsOf(categories: readonly CategoryView[]): CategoryView[] {
  return categories.filter((c) => c.level >= 80).sort((a, b) =>
    b.level - a.level || (b.percent ?? Infinity) - (a.percent ?? Infinity) ||
    compareCodes(a.code, b.code)
  );
}

// ---------------------------------------------------------------------------
// Changes

function byCode(a: { code: string }, b: { code: string }): number {
  return compareCodes(a.code, b.code);
}

/**
 * Puts a category's newer state into the list (kept sorted by code). An
 * older version than the one shown, or a deleted category, changes nothing:
 * a response and the event of the same write may arrive in either order.
 */
export function upsertCategory(
  list: readonly CategoryView[],
  category: Category,
  gone: Tombstones,
): CategoryView[] {
  if (gone.categories.has(category.id)) return list as CategoryView[];
  const index = list.findIndex((c) => c.id === category.id);
  if (index !== -1 && list[index].version > category.version) {
    return list as CategoryView[];
  }
  const next = index === -1
    ? [...list, viewOf(category)]
    : list.map((c, i) => i === index ? viewOf(category) : c);
  return next.sort(byCode);
}

/** Takes a deleted category off the list, for good. */
export function removeCategory(
  list: readonly CategoryView[],
  id: string,
  gone: Tombstones,
): CategoryView[] {
  gone.categories.add(id);
  return list.filter((c) => c.id !== id);
}

/**
 * How many expenses the list's view holds in all, loaded or not: the
 * categories count their own, and every event carries its category.
 */
export function expenseTotal(data: BudgetData): number {
  const { categoryId } = data.list.view;
  return data.categories.reduce(
    (n, c) =>
      categoryId === null || c.id === categoryId ? n + c.expenseCount : n,
    0,
  );
}

/** The account code of a category, for ordering by category. */
export function codeLookup(
  categories: readonly CategoryView[],
): (id: string) => string {
  const codes = new Map(categories.map((c) => [c.id, c.code]));
  return (id) => codes.get(id) ?? "";
}

/**
 * Adds a newly booked expense to the list where it belongs (once, however
 * often it is reported; never a deleted one).
 */
export function addExpense(
  data: BudgetData,
  expense: Expense,
  gone: Tombstones,
): BudgetData {
  if (gone.expenses.has(expense.id)) return data;
  const list = insertExpense(data.list, expense, codeLookup(data.categories));
  return list === data.list ? data : { ...data, list };
}

/** Removes a deleted expense, for good. */
export function dropExpense(
  data: BudgetData,
  id: string,
  gone: Tombstones,
): BudgetData {
  gone.expenses.add(id);
  const list = removeExpense(data.list, id);
  return list === data.list ? data : { ...data, list };
}

/** Applies a `budget_update` event. */
export function applyBudgetUpdate(
  data: BudgetData,
  update: BudgetUpdateData,
  gone: Tombstones,
): BudgetData {
  if (update.action === "category_deleted") {
    return {
      ...data,
      categories: removeCategory(data.categories, update.category.id, gone),
    };
  }
  let next: BudgetData = {
    ...data,
    categories: upsertCategory(data.categories, update.category, gone),
  };
  if (update.expense && update.action === "expense_created") {
    next = addExpense(next, update.expense, gone);
  } else if (update.expense && update.action === "expense_deleted") {
    next = dropExpense(next, update.expense.id, gone);
  }
  return next;
}

/**
 * Our own delete of `expense` succeeded (204, no body). Unless its event
 * came first, take the amount and the count off its category now (same
 * version: the event that follows carries the server's figures and
 * replaces this).
 */
export function applyOwnExpenseDelete(
  data: BudgetData,
  expense: Expense,
  gone: Tombstones,
): BudgetData {
  if (gone.expenses.has(expense.id)) return data;
  const categories = data.categories.map((c) =>
    c.id === expense.categoryId
      ? viewOf({
        ...c,
        spentCents: c.spentCents - expense.amountCents,
        expenseCount: Math.max(0, c.expenseCount - 1),
      })
      : c
  );
  return dropExpense({ ...data, categories }, expense.id, gone);
}

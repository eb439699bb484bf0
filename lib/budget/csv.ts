/**
 * CSV export of the budget (RFC 4180): one table, a category row followed
 * by its expenses, then a total row. Amounts are exact decimal strings in
 * the currency's units ("12.34"), never floats.
 *
 * @module
 */
import { compareCodes, sumCents, toDecimal } from "./money.ts";
import { SECTION_LABELS } from "./shared.ts";
import type { Category, Expense } from "./schemas.ts";
import { BOM, encodeCsv, safeText } from "@/lib/csv.ts";

// The one CSV writer lives in lib/csv.ts; re-exported for the budget's callers.
export { BOM, csvField, encodeCsv, safeText } from "@/lib/csv.ts";

/** The column headers, in order. */
export const CSV_COLUMNS = [
  "Type",
  "Code",
  "Category",
  "Section",
  "Date",
  "Vendor",
  "Description",
  "Allocated",
  "Spent",
  "Remaining",
  "Amount",
  "Currency",
] as const;

/** What the export contains. */
export interface BudgetExport {
  currency: string;
  categories: readonly Category[];
  expenses: readonly Expense[];
}

/**
 * The budget as CSV text (with a BOM): header, then per category (by code)
 * its row and its expenses (oldest first), then the totals.
 */
export function budgetCsv(data: BudgetExport): string {
  const { currency } = data;
  const money = (cents: number) => toDecimal(cents, currency);
  const byCategory = new Map<string, Expense[]>();
  for (const expense of data.expenses) {
    const list = byCategory.get(expense.categoryId) ?? [];
    list.push(expense);
    byCategory.set(expense.categoryId, list);
  }
  const rows: string[][] = [[...CSV_COLUMNS]];
  const sorted = [...data.categories].sort((a, b) =>
    compareCodes(a.code, b.code)
  );
  for (const c of sorted) {
    const code = safeText(c.code);
    const name = safeText(c.name);
    const section = SECTION_LABELS[c.section];
    rows.push([
      "category",
      code,
      name,
      section,
      "",
      "",
      "",
      money(c.allocatedCents),
      money(c.spentCents),
      money(c.allocatedCents - c.spentCents),
      "",
      currency,
    ]);
    const list = (byCategory.get(c.id) ?? []).sort((a, b) =>
      a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt)
    );
    for (const e of list) {
      rows.push([
        "expense",
        code,
        name,
        section,
        e.date,
        safeText(e.vendor),
        safeText(e.description),
        "",
        "",
        "",
        money(e.amountCents),
        currency,
      ]);
    }
  }
  const allocated = sumCents(data.categories.map((c) => c.allocatedCents));
  const spent = sumCents(data.categories.map((c) => c.spentCents));
  rows.push([
    "total",
    "",
    "",
    "",
    "",
    "",
    "",
    money(allocated),
    money(spent),
    money(allocated - spent),
    "",
    currency,
  ]);
  return BOM + encodeCsv(rows);
}

/** `budget-YYYY-MM-DD.csv` for the (UTC) day of `now`. */
export function csvFilename(now: Date = new Date()): string {
  return `budget-${now.toISOString().slice(0, 10)}.csv`;
}

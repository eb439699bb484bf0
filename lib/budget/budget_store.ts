/**
 * The budget's storage: the category and expense repositories, the views
 * the API returns and the reads the service builds on. The operations and
 * their rules live in `service.ts`.
 *
 * @module
 */
import { NotFoundError } from "@/lib/errors.ts";
import { getProduction } from "@/lib/production/store.ts";
import { NotFoundError as StoreNotFoundError } from "@/lib/store/errors.ts";
import {
  type IndexSpec,
  type NewRecord,
  Repository,
} from "@/lib/store/repository.ts";
import type { Transaction } from "@/lib/store/transaction.ts";
import { compareCodes, toCategoryView, totals } from "./money.ts";
import type { BudgetView } from "./shared.ts";
import {
  type Category,
  CategorySchema,
  type Expense,
  ExpenseSchema,
} from "./schemas.ts";

/** The currency when no production is stored yet (the demo's currency). */
export const DEFAULT_CURRENCY = "EUR";

/**
 * Budget categories. Codes are unique regardless of case, so "a100" and
 * "A100" cannot both appear on the top sheet.
 */
export const categories = new Repository<Category>({
  name: "budget_categories",
  schema: CategorySchema,
  indexes: [{
    name: "code",
    key: (c) => [c.code.toUpperCase()],
    unique: true,
  }],
});

/**
 * The indexes of expenses. Each sort of the list (expense_list.ts) reads one
 * of them as a bounded range, over all expenses or within one category; the
 * booking time breaks ties so equal dates or amounts keep a stable order.
 * Stores from before the sort indexes are backfilled once on first read
 * (`ensureExpenseIndexes`).
 */
export const EXPENSE_INDEXES: IndexSpec<Expense>[] = [
  { name: "category", key: (e) => [e.categoryId] },
  { name: "recent", key: (e) => [e.date, e.createdAt] },
  { name: "recorded", key: (e) => [e.createdAt] },
  { name: "amount", key: (e) => [e.amountCents, e.createdAt] },
  { name: "category_recorded", key: (e) => [e.categoryId, e.createdAt] },
  {
    name: "category_date",
    key: (e) => [e.categoryId, e.date, e.createdAt],
  },
  {
    name: "category_amount",
    key: (e) => [e.categoryId, e.amountCents, e.createdAt],
  },
];

/** Expenses, indexed for every sort of the list (see EXPENSE_INDEXES). */
export const expenses = new Repository<Expense>({
  name: "budget_expenses",
  schema: ExpenseSchema,
  indexes: EXPENSE_INDEXES,
});

export type { BudgetView, CategoryView } from "./shared.ts";

/** The production's currency, or {@linkcode DEFAULT_CURRENCY}. */
export async function budgetCurrency(kv: Deno.Kv): Promise<string> {
  return (await getProduction(kv))?.currency ?? DEFAULT_CURRENCY;
}

/** The whole budget: currency, categories with figures, and totals. */
export async function listBudget(kv: Deno.Kv): Promise<BudgetView> {
  const [currency, all] = await Promise.all([
    budgetCurrency(kv),
    categories.list(kv),
  ]);
  all.sort((a, b) => compareCodes(a.code, b.code));
  return {
    currency,
    categories: all.map(toCategoryView),
    totals: totals(all),
  };
}

/** Reads a category or throws NotFoundError naming what was missing. */
export async function requireCategory(
  reader: Deno.Kv | Transaction,
  id: string,
): Promise<Category> {
  const category = await categories.get(reader, id);
  if (category === null) throw categoryNotFound(id);
  return category;
}

function categoryNotFound(id: string): NotFoundError {
  return new NotFoundError(
    "budget category",
    `No budget category with id ${id}`,
  );
}

/** A repository `update` that reports a missing category as NotFoundError. */
export async function updateCategoryRecord(
  tx: Transaction,
  id: string,
  change: (current: Category) => Partial<NewRecord<Category>>,
  options: { ifVersion?: number; now?: Date } = {},
): Promise<{ before: Category; after: Category }> {
  try {
    return await categories.update(tx, id, change, options);
  } catch (error) {
    if (error instanceof StoreNotFoundError) throw categoryNotFound(id);
    throw error;
  }
}

/**
 * Whether the category has any expense. The index is read unchecked, yet
 * no expense can slip in: every expense write also writes the category,
 * whose read in the same transaction is checked.
 */
export async function hasExpenses(kv: Deno.Kv, id: string): Promise<boolean> {
  for await (
    const _ of kv.list({ prefix: [`${expenses.name}_by_category`, id] }, {
      limit: 1,
    })
  ) return true;
  return false;
}

/**
 * The budget: categories and expenses in KV, and the service the HTTP API
 * calls. Every write commits its records and exactly one `budget_update`
 * event together; a category's `spentCents` changes only in the same commit
 * as the expense that moves it, so it always equals the sum of its expenses.
 *
 * @module
 */
import { ApiError } from "@/lib/http/errors.ts";
import { type Actor, audienceFor, can } from "@/lib/policy.ts";
import { getProduction } from "@/lib/production.ts";
import { NotFoundError, VersionConflictError } from "@/lib/store/errors.ts";
import {
  type IndexSpec,
  type NewRecord,
  Repository,
} from "@/lib/store/repository.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { diffFields } from "@/lib/store/history.ts";
import { eventActor } from "@/lib/event_actor.ts";
import {
  type BudgetFigures,
  compareCodes,
  crossedLevel,
  figures,
  MAX_CATEGORIES,
  MAX_CENTS,
  totals,
} from "./money.ts";
import {
  type BudgetAlert,
  type BudgetUpdateData,
  type Category,
  type CategoryPatch,
  CategorySchema,
  type Expense,
  ExpenseSchema,
  type NewCategory,
  type NewExpense,
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

/** A category with its figures, as the API returns it. */
export type CategoryView = Category & BudgetFigures;

/** `GET /api/budget`. */
export interface BudgetView {
  /** ISO 4217 code; every amount is in its minor units. */
  currency: string;
  /** Sorted by code ("1100" before "2300" before "10100"). */
  categories: CategoryView[];
  totals: BudgetFigures;
}

/** Adds remaining, percent and alert level to a category. */
export function toCategoryView(category: Category): CategoryView {
  return { ...category, ...figures(category) };
}

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

function assertWriter(actor: Actor) {
  if (!can(actor, "budget", "write")) {
    throw new ApiError(
      403,
      "forbidden",
      "Only producers and production managers change the budget",
    );
  }
}

/** Reads a category or throws a 404 naming what was missing. */
export async function requireCategory(
  reader: Deno.Kv | Transaction,
  id: string,
): Promise<Category> {
  const category = await categories.get(reader, id);
  if (category === null) {
    throw new ApiError(404, "not_found", `No budget category with id ${id}`);
  }
  return category;
}

/** A repository `update` that reports a missing category as a clear 404. */
async function updateCategoryRecord(
  tx: Transaction,
  id: string,
  change: (current: Category) => Partial<NewRecord<Category>>,
  ifVersion?: number,
): Promise<{ before: Category; after: Category }> {
  try {
    return await categories.update(tx, id, change, { ifVersion });
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new ApiError(404, "not_found", `No budget category with id ${id}`);
    }
    throw error;
  }
}

/** The alert for a change from `before` to `after`, if it crossed a level. */
function alertFor(before: Category, after: Category): BudgetAlert | undefined {
  const level = crossedLevel(
    { spent: before.spentCents, allocated: before.allocatedCents },
    { spent: after.spentCents, allocated: after.allocatedCents },
  );
  if (level === null) return undefined;
  return {
    level,
    categoryId: after.id,
    name: after.name,
    percent: figures(after).percent,
  };
}

/** The fields a category's history reports (spend changes with expenses). */
const CATEGORY_FIELDS = ["name", "code", "section", "allocatedCents"];
/** The fields an expense's history reports. */
const EXPENSE_FIELDS = [
  "categoryId",
  "amountCents",
  "description",
  "vendor",
  "date",
];

/** An expense as a category's history names it. */
function expenseRef(e: Expense) {
  return { id: e.id, description: e.description, amountCents: e.amountCents };
}

/** Appends the one `budget_update` event of a write. */
function emitUpdate(
  tx: Transaction,
  actor: { id: string; name?: string },
  data: BudgetUpdateData,
) {
  // Optional keys are left out rather than set to undefined: the event is
  // stored and sent as-is.
  const clean: BudgetUpdateData = {
    action: data.action,
    category: data.category,
  };
  if (data.expense !== undefined) clean.expense = data.expense;
  if (data.alert !== undefined) clean.alert = data.alert;
  tx.emit({
    type: "budget_update",
    audience: audienceFor("budget_update"),
    data: { ...clean, by: eventActor(actor) },
  });
}

/** Adds a category (spent 0). Codes are unique: a taken code is a 409. */
export async function createCategory(
  kv: Deno.Kv,
  actor: Actor,
  input: NewCategory,
): Promise<Category> {
  assertWriter(actor);
  // An unchecked count: concurrent creates may pass it together, which the
  // headroom in MAX_CATEGORIES absorbs (totals stay exact).
  let count = 0;
  for await (const _ of kv.list({ prefix: [categories.name] })) count++;
  if (count >= MAX_CATEGORIES) {
    throw new ApiError(
      409,
      "limit_reached",
      `A budget has at most ${MAX_CATEGORIES} categories`,
    );
  }
  const { result } = await transact(kv, async (tx) => {
    const category = await categories.insert(tx, {
      ...input,
      spentCents: 0,
      expenseCount: 0,
    });
    tx.recordChange({
      collection: categories.name,
      record: category,
      actor,
      action: "created",
      changes: diffFields(null, category, CATEGORY_FIELDS),
    });
    emitUpdate(tx, actor, { action: "category_created", category });
    return category;
  });
  return result;
}

/**
 * Renames, re-codes, moves or re-allocates a category. A new allocation
 * that puts the spend at or over 80 % / 100 % from below carries an alert,
 * like an expense would. A stale `ifVersion` is a version conflict.
 */
export async function updateCategory(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  patch: CategoryPatch,
  ifVersion?: number,
): Promise<Category> {
  assertWriter(actor);
  const { result } = await transact(kv, async (tx) => {
    const { before, after } = await updateCategoryRecord(
      tx,
      id,
      () => patch,
      ifVersion,
    );
    tx.recordChange({
      collection: categories.name,
      record: after,
      actor,
      action: "updated",
      changes: diffFields(before, after, CATEGORY_FIELDS),
    });
    emitUpdate(tx, actor, {
      action: "category_updated",
      category: after,
      alert: alertFor(before, after),
    });
    return after;
  });
  return result;
}

/**
 * Deletes a category that has no expenses; one with expenses is a 409, so
 * spending is never silently dropped from the budget.
 */
export async function deleteCategory(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  ifVersion?: number,
): Promise<Category> {
  assertWriter(actor);
  const { result } = await transact(kv, async (tx) => {
    const category = await requireCategory(tx, id);
    // A stale client first learns what changed, before any other refusal.
    if (ifVersion !== undefined && ifVersion !== category.version) {
      throw new VersionConflictError(category, ifVersion);
    }
    // The expense index is read unchecked, yet no expense can slip in: every
    // expense write also writes the category, whose read above is checked.
    for await (
      const _ of kv.list({ prefix: [`${expenses.name}_by_category`, id] }, {
        limit: 1,
      })
    ) {
      throw new ApiError(
        409,
        "category_has_expenses",
        `"${category.name}" still has expenses; delete or move them first`,
      );
    }
    const removed = await categories.remove(tx, id, { ifVersion });
    emitUpdate(tx, actor, { action: "category_deleted", category: removed });
    return removed;
  });
  return result;
}

/** What booking or deleting an expense returns. */
export interface ExpenseChange {
  expense: Expense;
  /** The category after the change. */
  category: Category;
  /** Present when the change crossed 80 % or 100 % of the allocation. */
  alert?: BudgetAlert;
}

/**
 * Books an expense: in one commit, the expense, its category's spend and
 * version (+1), and a `budget_update` with an alert when this expense takes
 * the category across 80 % or 100 %. Concurrent bookings on one category
 * serialise on its checked read, so none is lost.
 */
export async function createExpense(
  kv: Deno.Kv,
  actor: Actor & { name: string },
  input: NewExpense,
): Promise<ExpenseChange> {
  assertWriter(actor);
  const { result } = await transact(kv, async (tx) => {
    const { before, after } = await updateCategoryRecord(
      tx,
      input.categoryId,
      (current) => ({
        spentCents: addSpend(current, input.amountCents),
        expenseCount: current.expenseCount + 1,
      }),
    );
    const expense = await expenses.insert(tx, {
      categoryId: input.categoryId,
      amountCents: input.amountCents,
      description: input.description,
      vendor: input.vendor,
      date: input.date,
      createdBy: actor.id,
      createdByName: actor.name,
    });
    tx.recordChange({
      collection: expenses.name,
      record: expense,
      actor,
      action: "created",
      changes: diffFields(null, expense, EXPENSE_FIELDS),
    });
    tx.recordChange({
      collection: categories.name,
      record: after,
      actor,
      action: "expense_created",
      changes: [
        { field: "expense", from: null, to: expenseRef(expense) },
        ...diffFields(before, after, ["spentCents"]),
      ],
    });
    const alert = alertFor(before, after);
    emitUpdate(tx, actor, {
      action: "expense_created",
      category: after,
      expense,
      alert,
    });
    return { expense, category: after, ...(alert ? { alert } : {}) };
  });
  return result;
}

/** The spend after adding `amount`, refusing a total past the cap. */
function addSpend(category: Category, amount: number): number {
  const spent = category.spentCents + amount;
  if (spent > MAX_CENTS) {
    throw new ApiError(
      409,
      "limit_reached",
      `"${category.name}" cannot record more than ${MAX_CENTS} cents`,
    );
  }
  return spent;
}

/** Deletes an expense and takes its amount off its category, in one commit. */
export async function deleteExpense(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  ifVersion?: number,
): Promise<ExpenseChange> {
  assertWriter(actor);
  const { result } = await transact(kv, async (tx) => {
    const expense = await expenses.get(tx, id);
    if (expense === null) {
      throw new ApiError(404, "not_found", `No expense with id ${id}`);
    }
    await expenses.remove(tx, id, { ifVersion });
    const { after } = await updateCategoryRecord(
      tx,
      expense.categoryId,
      (current) => ({
        spentCents: current.spentCents - expense.amountCents,
        expenseCount: Math.max(0, current.expenseCount - 1),
      }),
    );
    tx.recordChange({
      collection: categories.name,
      record: after,
      actor,
      action: "expense_deleted",
      changes: [
        { field: "expense", from: expenseRef(expense), to: null },
        {
          field: "spentCents",
          from: after.spentCents + expense.amountCents,
          to: after.spentCents,
        },
      ],
    });
    emitUpdate(tx, actor, {
      action: "expense_deleted",
      category: after,
      expense,
    });
    return { expense, category: after };
  });
  return result;
}

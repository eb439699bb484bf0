/**
 * The budget's operations, as functions of a {@linkcode ServiceContext}:
 * reading the budget and its expenses, and every write. Each write commits
 * its records and exactly one `budget_update` event together; a category's
 * `spentCents` changes only in the same commit as the expense that moves
 * it, so it always equals the sum of its expenses.
 *
 * @module
 */
import { ConflictError, NotFoundError } from "@/lib/errors.ts";
import { notify } from "@/lib/inbox/notify.ts";
import { membersWithRoles } from "@/lib/inbox/recipients.ts";
import { POLICY } from "@/lib/policy.ts";
import { assertCan, emit, type ServiceContext } from "@/lib/service.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import {
  budgetCurrency,
  type BudgetView,
  categories,
  expenses,
  hasExpenses,
  listBudget,
  requireCategory,
  updateCategoryRecord,
} from "./budget_store.ts";
import { budgetCsv } from "./csv.ts";
import { listExpensePage } from "./expense_list.ts";
import { vfxCommitment } from "./vfx_commitment.ts";
import { budgetAlerts } from "./notices.ts";
import { crossedLevel, figures, MAX_CATEGORIES, MAX_CENTS } from "./money.ts";
import type {
  BudgetAlert,
  BudgetUpdateData,
  Category,
  CategoryPatch,
  Expense,
  ExpensePage,
  ExpenseQuery,
  NewCategory,
  NewExpense,
} from "./schemas.ts";

const WRITE_REFUSED =
  "Only producers and production managers change the budget";

function assertWriter(cx: ServiceContext): void {
  assertCan(cx, "budget", "write", undefined, WRITE_REFUSED);
}

function assertReader(cx: ServiceContext): void {
  assertCan(cx, "budget", "read", undefined, "Your role may not do this");
}

/**
 * The whole budget (`GET /api/budget`): currency, categories, totals, and
 * what the VFX bids commit against the production's VFX line.
 */
export async function getBudget(cx: ServiceContext): Promise<BudgetView> {
  assertReader(cx);
  const view = await listBudget(cx.kv);
  return { ...view, vfx: await vfxCommitment(cx.kv, view.categories) };
}

/** One page of the expense list (see expense_list.ts). */
export async function listExpenses(
  cx: ServiceContext,
  query: Partial<ExpenseQuery> = {},
): Promise<ExpensePage> {
  assertReader(cx);
  return await listExpensePage(cx.kv, query);
}

/** The whole budget as CSV text (categories, then every expense). */
export async function exportBudgetCsv(cx: ServiceContext): Promise<string> {
  assertReader(cx);
  const [currency, allCategories, allExpenses] = await Promise.all([
    budgetCurrency(cx.kv),
    categories.list(cx.kv),
    expenses.list(cx.kv),
  ]);
  return budgetCsv({
    currency,
    categories: allCategories,
    expenses: allExpenses,
  });
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

/** Appends the one `budget_update` event of a write, with who made it. */
function emitUpdate(
  tx: Transaction,
  cx: ServiceContext,
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
  emit(tx, cx, "budget_update", {}, { ...clean });
}

/**
 * Tells the budget's readers (producers, production managers) but the
 * actor of an alert, in the change's commit: the members are read without
 * a commit check.
 */
async function notifyAlert(
  tx: Transaction,
  cx: ServiceContext,
  category: Category,
  alert: BudgetAlert | undefined,
) {
  if (alert === undefined) return;
  const readers = await membersWithRoles(cx.kv, POLICY.budget.read.roles);
  notify(
    tx,
    cx,
    budgetAlerts(cx.actor, category, alert, readers),
    new Date(category.updatedAt),
  );
}

/** Adds a category (spent 0). Codes are unique: a taken code is a 409. */
export async function createCategory(
  cx: ServiceContext,
  input: NewCategory,
): Promise<Category> {
  assertWriter(cx);
  // An unchecked count: concurrent creates may pass it together, which the
  // headroom in MAX_CATEGORIES absorbs (totals stay exact).
  if (await categories.count(cx.kv) >= MAX_CATEGORIES) {
    throw new ConflictError(
      `A budget has at most ${MAX_CATEGORIES} categories`,
      "limit_reached",
    );
  }
  const { result } = await transact(cx.kv, async (tx) => {
    const category = await categories.insert(tx, {
      ...input,
      spentCents: 0,
      expenseCount: 0,
    }, { now: cx.now() });
    tx.recordChange({
      collection: categories.name,
      record: category,
      actor: cx.actor,
      action: "created",
      changes: diffFields(null, category, CATEGORY_FIELDS),
    });
    emitUpdate(tx, cx, { action: "category_created", category });
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
  cx: ServiceContext,
  id: string,
  patch: CategoryPatch,
  ifVersion?: number,
): Promise<Category> {
  assertWriter(cx);
  const { result } = await transact(cx.kv, async (tx) => {
    const { before, after } = await updateCategoryRecord(
      tx,
      id,
      () => patch,
      { ifVersion, now: cx.now() },
    );
    tx.recordChange({
      collection: categories.name,
      record: after,
      actor: cx.actor,
      action: "updated",
      changes: diffFields(before, after, CATEGORY_FIELDS),
    });
    const alert = alertFor(before, after);
    emitUpdate(tx, cx, { action: "category_updated", category: after, alert });
    await notifyAlert(tx, cx, after, alert);
    return after;
  });
  return result;
}

/**
 * Deletes a category that has no expenses; one with expenses is a 409, so
 * spending is never silently dropped from the budget.
 */
export async function deleteCategory(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<Category> {
  assertWriter(cx);
  const { result } = await transact(cx.kv, async (tx) => {
    const category = await requireCategory(tx, id);
    // A stale client first learns what changed, before any other refusal.
    if (ifVersion !== undefined && ifVersion !== category.version) {
      throw new VersionConflictError(category, ifVersion);
    }
    if (await hasExpenses(cx.kv, id)) {
      throw new ConflictError(
        `"${category.name}" still has expenses; delete or move them first`,
        "category_has_expenses",
      );
    }
    const removed = await categories.remove(tx, id, { ifVersion });
    emitUpdate(tx, cx, { action: "category_deleted", category: removed });
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
  cx: ServiceContext,
  input: NewExpense,
): Promise<ExpenseChange> {
  assertWriter(cx);
  const { actor } = cx;
  const { result } = await transact(cx.kv, async (tx) => {
    const { before, after } = await updateCategoryRecord(
      tx,
      input.categoryId,
      (current) => ({
        spentCents: addSpend(current, input.amountCents),
        expenseCount: current.expenseCount + 1,
      }),
      { now: cx.now() },
    );
    const expense = await expenses.insert(tx, {
      categoryId: input.categoryId,
      amountCents: input.amountCents,
      description: input.description,
      vendor: input.vendor,
      date: input.date,
      createdBy: actor.id,
      createdByName: actor.name,
    }, { now: cx.now() });
    tx.recordChange({
      collection: expenses.name,
      record: expense,
      actor: cx.actor,
      action: "created",
      changes: diffFields(null, expense, EXPENSE_FIELDS),
    });
    tx.recordChange({
      collection: categories.name,
      record: after,
      actor: cx.actor,
      action: "expense_created",
      changes: [
        { field: "expense", from: null, to: expenseRef(expense) },
        ...diffFields(before, after, ["spentCents"]),
      ],
    });
    const alert = alertFor(before, after);
    emitUpdate(tx, cx, {
      action: "expense_created",
      category: after,
      expense,
      alert,
    });
    await notifyAlert(tx, cx, after, alert);
    return { expense, category: after, ...(alert ? { alert } : {}) };
  });
  return result;
}

/** The spend after adding `amount`, refusing a total past the cap. */
function addSpend(category: Category, amount: number): number {
  const spent = category.spentCents + amount;
  if (spent > MAX_CENTS) {
    throw new ConflictError(
      `"${category.name}" cannot record more than ${MAX_CENTS} cents`,
      "limit_reached",
    );
  }
  return spent;
}

/** Deletes an expense and takes its amount off its category, in one commit. */
export async function deleteExpense(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<ExpenseChange> {
  assertWriter(cx);
  const { result } = await transact(cx.kv, async (tx) => {
    const expense = await expenses.get(tx, id);
    if (expense === null) {
      throw new NotFoundError("expense", `No expense with id ${id}`);
    }
    await expenses.remove(tx, id, { ifVersion });
    const { after } = await updateCategoryRecord(
      tx,
      expense.categoryId,
      (current) => ({
        spentCents: current.spentCents - expense.amountCents,
        expenseCount: Math.max(0, current.expenseCount - 1),
      }),
      { now: cx.now() },
    );
    tx.recordChange({
      collection: categories.name,
      record: after,
      actor: cx.actor,
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
    emitUpdate(tx, cx, {
      action: "expense_deleted",
      category: after,
      expense,
    });
    return { expense, category: after };
  });
  return result;
}

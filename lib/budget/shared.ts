/**
 * Budget constants the browser needs too: dependency-free, so an island
 * importing them never pulls zod or server code into its bundle.
 * `schemas.ts` builds its zod schemas from these.
 *
 * @module
 */
import type { BudgetFigures } from "./money.ts";

/** How the expense list can be ordered: by booking time (the default), by
 * the expense's date, by amount, or grouped by category code. */
export const EXPENSE_SORTS = [
  "recorded",
  "date",
  "amount",
  "category",
] as const;

/** An order of the expense list. */
export type ExpenseSort = typeof EXPENSE_SORTS[number];

/** Ascending or descending. */
export type SortOrder = "asc" | "desc";

/** The expenses one page of the list holds unless asked otherwise. */
export const DEFAULT_EXPENSE_PAGE = 50;

/** The most expenses one API page holds. */
export const MAX_EXPENSE_PAGE = 200;

/** Budget sections, in top-sheet order. */
export const SECTIONS = [
  "above_the_line",
  "below_the_line",
  "post",
  "other",
] as const;

/** A top-sheet section. */
export type Section = typeof SECTIONS[number];

/**
 * THE labels of the budget's sections, used by the budget page, its CSV
 * export and the reports page alike, so a section reads the same
 * everywhere.
 */
export const SECTION_LABELS = {
  above_the_line: "Above the line",
  below_the_line: "Below the line",
  post: "Post-production",
  other: "Other",
} as const satisfies Record<Section, string>;

/** The longest category name. */
export const MAX_CATEGORY_NAME_LENGTH = 100;

/** A budget category (an account line of the top sheet) as stored. */
export interface Category {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  name: string;
  /** An account code like "2300" or "4500.10". */
  code: string;
  section: Section;
  allocatedCents: number;
  /** The sum of the category's expenses; kept by the store, never sent in. */
  spentCents: number;
  /** How many expenses the category has; kept by the store like spent. */
  expenseCount: number;
}

/** An expense booked against a category, as stored and sent. */
export interface Expense {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  categoryId: string;
  amountCents: number;
  description: string;
  vendor: string;
  /** The day the money was spent (ISO date, no time zone). */
  date: string;
  /** Who booked it: user id and name at the time. */
  createdBy: string;
  createdByName: string;
}

/** A category with its figures, as the API returns it. */
export type CategoryView = Category & BudgetFigures;

/**
 * What the VFX bids commit against the budget line the production chose
 * for VFX (its `vfxBudgetCategoryId` setting): the bids of every shot not
 * omitted. Shown beside the line's spend; it changes no allocated, spent
 * or remaining figure.
 */
export interface VfxCommitment {
  categoryId: string;
  committedCents: number;
  /** How many shots' bids make it up. */
  shots: number;
}

/** `GET /api/budget`. */
export interface BudgetView {
  /** ISO 4217 code; every amount is in its minor units. */
  currency: string;
  /** Sorted by code ("1100" before "2300" before "10100"). */
  categories: CategoryView[];
  totals: BudgetFigures;
  /** The VFX bids' commitment; null when the production chose no line. */
  vfx?: VfxCommitment | null;
}

/** One page of `GET /api/budget/expenses`. */
export interface ExpensePage {
  expenses: Expense[];
  /** The `cursor` of the next page; null on the last page. */
  nextCursor: string | null;
}

/** What a `budget_update` event reports. */
export const BUDGET_ACTIONS = [
  "category_created",
  "category_updated",
  "category_deleted",
  "expense_created",
  "expense_deleted",
  // The VFX bids committed against `category` (the production's VFX line)
  // changed: a bid, a shot omitted or restored, or another line chosen.
  "committed_changed",
] as const;

/** A change a `budget_update` event reports. */
export type BudgetAction = typeof BUDGET_ACTIONS[number];

/** A spend threshold a change made a category cross (see `crossedLevel`). */
export interface BudgetAlert {
  level: 80 | 100;
  categoryId: string;
  name: string;
  /** Spend in percent of the allocation; null when nothing is allocated. */
  percent: number | null;
}

/**
 * `budget_update` event data (DESIGN §5). `category` is the category after
 * the change (for `category_deleted`, its last state); `expense` is the
 * expense created or deleted; `alert` is present only when the change made
 * the category cross 80 % or 100 % of its allocation from below.
 */
export interface BudgetUpdateData {
  action: BudgetAction;
  category: Category;
  expense?: Expense;
  alert?: BudgetAlert;
}

/**
 * Budget constants the browser needs too: dependency-free, so an island
 * importing them never pulls zod or server code into its bundle.
 * `schemas.ts` builds its zod schemas from these.
 *
 * @module
 */

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

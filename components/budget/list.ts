/**
 * The expense list of the budget page as pure functions: its view (sort,
 * order, category), the same orders the API reads from its indexes (so a
 * live expense lands where a reload would put it), and the API query of a
 * page.
 *
 * Browser code: types only from the server modules.
 *
 * @module
 */
import { compareCodes } from "@/lib/budget/money.ts";
import type { Expense, ExpenseSort, SortOrder } from "@/lib/budget/shared.ts";

/** How the list is sorted and filtered. */
export interface ListView {
  sort: ExpenseSort;
  order: SortOrder;
  /** The category whose expenses are listed, or null for all. */
  categoryId: string | null;
}

/** The loaded part of the list. */
export interface ExpenseList {
  view: ListView;
  /** In the view's order; tombstoned ones never return. */
  expenses: Expense[];
  /** Cursor of the next page, or null when everything is loaded. */
  nextCursor: string | null;
}

/** The sort choices people get, each a sort and order. */
export const SORT_CHOICES: {
  value: string;
  label: string;
  sort: ExpenseSort;
  order: SortOrder;
}[] = [
  {
    value: "recorded-desc",
    label: "Recently recorded",
    sort: "recorded",
    order: "desc",
  },
  {
    value: "recorded-asc",
    label: "First recorded",
    sort: "recorded",
    order: "asc",
  },
  { value: "date-desc", label: "Date, newest", sort: "date", order: "desc" },
  { value: "date-asc", label: "Date, oldest", sort: "date", order: "asc" },
  {
    value: "amount-desc",
    label: "Amount, largest",
    sort: "amount",
    order: "desc",
  },
  {
    value: "amount-asc",
    label: "Amount, smallest",
    sort: "amount",
    order: "asc",
  },
  {
    value: "category-asc",
    label: "Category (by code)",
    sort: "category",
    order: "asc",
  },
  {
    value: "category-desc",
    label: "Category (code descending)",
    sort: "category",
    order: "desc",
  },
];

/** The label of a view's sort, e.g. "Recently recorded". */
export function sortLabel(view: Pick<ListView, "sort" | "order">): string {
  return SORT_CHOICES.find((c) =>
    c.sort === view.sort && c.order === view.order
  )?.label ?? "Recently recorded";
}

/** Whether the view lists the newest bookings first (live ones on top). */
export function newestFirst(view: ListView): boolean {
  return view.sort === "recorded" && view.order === "desc";
}

/**
 * The order of the view, as the API's indexes have it: booking time, then
 * id, breaks every tie. `codeOf` gives a category's account code.
 */
export function comparator(
  view: Pick<ListView, "sort" | "order">,
  codeOf: (categoryId: string) => string,
): (a: Expense, b: Expense) => number {
  const booked = (a: Expense, b: Expense) =>
    a.createdAt.localeCompare(b.createdAt) || compareIds(a.id, b.id);
  const sign = view.order === "asc" ? 1 : -1;
  switch (view.sort) {
    case "date":
      return (a, b) => sign * (a.date.localeCompare(b.date) || booked(a, b));
    case "amount":
      return (a, b) => sign * (a.amountCents - b.amountCents || booked(a, b));
    case "category":
      // Codes in the asked order; newest first within each category.
      return (a, b) =>
        sign * compareCodes(codeOf(a.categoryId), codeOf(b.categoryId)) ||
        booked(b, a);
    default:
      return (a, b) => sign * booked(a, b);
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Puts an expense booked elsewhere into the list where a reload would
 * show it: only when it belongs to the view's category and falls within
 * the loaded range (before the last loaded one, or anywhere once all are
 * loaded); otherwise the list is unchanged. Known ids are never doubled.
 */
export function insertExpense(
  list: ExpenseList,
  expense: Expense,
  codeOf: (categoryId: string) => string,
): ExpenseList {
  const { view } = list;
  if (view.categoryId !== null && expense.categoryId !== view.categoryId) {
    return list;
  }
  if (list.expenses.some((e) => e.id === expense.id)) return list;
  const compare = comparator(view, codeOf);
  const last = list.expenses.at(-1);
  if (
    list.nextCursor !== null &&
    (last === undefined || compare(expense, last) > 0)
  ) return list;
  const index = list.expenses.findIndex((e) => compare(expense, e) < 0);
  const expenses = [...list.expenses];
  expenses.splice(index === -1 ? expenses.length : index, 0, expense);
  return { ...list, expenses };
}

/** The list without an expense. */
export function removeExpense(list: ExpenseList, id: string): ExpenseList {
  return list.expenses.some((e) => e.id === id)
    ? { ...list, expenses: list.expenses.filter((e) => e.id !== id) }
    : list;
}

/** A next page appended (skipping known and deleted ones). */
export function appendPage(
  list: ExpenseList,
  page: { expenses: Expense[]; nextCursor: string | null },
  gone: ReadonlySet<string>,
): ExpenseList {
  const known = new Set(list.expenses.map((e) => e.id));
  return {
    ...list,
    expenses: [
      ...list.expenses,
      ...page.expenses.filter((e) => !known.has(e.id) && !gone.has(e.id)),
    ],
    nextCursor: page.nextCursor,
  };
}

/** The API address of a page of `view` (`cursor` for the next one). */
export function pageUrl(
  view: ListView,
  limit: number,
  cursor?: string | null,
): string {
  const query = new URLSearchParams({
    sort: view.sort,
    order: view.order,
    limit: String(limit),
  });
  if (view.categoryId !== null) query.set("categoryId", view.categoryId);
  if (cursor) query.set("cursor", cursor);
  return `/api/budget/expenses?${query}`;
}

/**
 * The page's own address for a view (`?category=&sort=&order=`), leaving
 * out defaults; `limit` asks the page for more rows (the "Show more" link
 * without JavaScript). Production-relative: map it with `useHref()`.
 */
export function viewHref(view: ListView, limit?: number): string {
  const query = new URLSearchParams();
  if (view.categoryId !== null) query.set("category", view.categoryId);
  if (!newestFirst(view)) {
    query.set("sort", view.sort);
    query.set("order", view.order);
  }
  if (limit !== undefined) query.set("limit", String(limit));
  const text = query.toString();
  return text === "" ? "/budget" : `/budget?${text}`;
}

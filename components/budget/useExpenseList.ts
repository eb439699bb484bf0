/**
 * The expense list of the budget page: changing its sort or category
 * (first page again, the address kept in step), "Show more" (the next
 * page by cursor), reloading after a resync, and the expenses this person
 * just recorded, pinned on top when the order would put them elsewhere.
 *
 * @module
 */
import { type Signal, useSignal } from "@preact/signals";
import type { Expense } from "@/lib/budget/schemas.ts";
import { DEFAULT_EXPENSE_PAGE } from "@/lib/budget/shared.ts";
import { failureText, send } from "@/components/api.ts";
import type { ListLoading } from "./ExpensesCard.tsx";
import {
  appendPage,
  type ExpenseList,
  type ListView,
  newestFirst,
  pageUrl,
  viewHref,
} from "./list.ts";
import type { BudgetData, Tombstones } from "./model.ts";

type Page = { expenses: Expense[]; nextCursor: string | null };

/** The list's loading state and actions over the page's data. */
export function useExpenseList(data: Signal<BudgetData>, gone: Tombstones) {
  const loading = useSignal<ListLoading>(null);
  /** The last load that failed, and how to try it again. */
  const error = useSignal<{ text: string; retry: () => void } | null>(null);
  const pinned = useSignal<Expense[]>([]);
  // Ids recorded here since the view last changed: marked "Just recorded".
  const recorded = useSignal<ReadonlySet<string>>(new Set());
  // Answers to an older request (the view changed since) are dropped.
  const request = useSignal(0);

  const setList = (list: ExpenseList) => data.value = { ...data.value, list };

  /** Shows `view` from its first page; on failure the old list stays. */
  async function show(view: ListView) {
    const ticket = ++request.value;
    loading.value = "view";
    error.value = null;
    try {
      const page = await send<Page>("GET", pageUrl(view, DEFAULT_EXPENSE_PAGE));
      if (ticket !== request.value) return;
      history.replaceState(history.state, "", viewHref(view));
      pinned.value = [];
      recorded.value = new Set();
      setList(
        appendPage(
          { view, expenses: [], nextCursor: null },
          page,
          gone.expenses,
        ),
      );
    } catch (failure) {
      if (ticket !== request.value) return;
      error.value = {
        text: failureText(failure, "Could not load the expenses"),
        retry: () => show(view),
      };
    } finally {
      if (ticket === request.value) loading.value = null;
    }
  }

  /** Appends the next page. */
  async function more() {
    const list = data.value.list;
    if (list.nextCursor === null || loading.value !== null) return;
    const ticket = request.value;
    loading.value = "more";
    error.value = null;
    try {
      const page = await send<Page>(
        "GET",
        pageUrl(list.view, DEFAULT_EXPENSE_PAGE, list.nextCursor),
      );
      if (ticket !== request.value) return;
      setList(appendPage(data.value.list, page, gone.expenses));
    } catch (failure) {
      if (ticket !== request.value) return;
      error.value = {
        text: failureText(failure, "Could not load more expenses"),
        retry: more,
      };
    } finally {
      if (ticket === request.value) loading.value = null;
    }
  }

  /** Everything the list shows again, as many rows as it had (a resync). */
  async function reload() {
    const list = data.value.list;
    const ticket = ++request.value;
    const page = await send<Page>(
      "GET",
      pageUrl(
        list.view,
        Math.min(200, Math.max(DEFAULT_EXPENSE_PAGE, list.expenses.length)),
      ),
    );
    if (ticket !== request.value) return;
    setList(appendPage({ ...list, expenses: [] }, page, gone.expenses));
  }

  /** This person recorded `expense`: on top, whatever the order. */
  function pin(expense: Expense) {
    recorded.value = new Set([...recorded.value, expense.id]);
    const { view } = data.value.list;
    const onTop = newestFirst(view) &&
      (view.categoryId === null || view.categoryId === expense.categoryId);
    if (onTop) return;
    pinned.value = [
      expense,
      ...pinned.value.filter((e) => e.id !== expense.id),
    ];
  }

  /** An expense is gone: from the pinned ones too. */
  function unpin(id: string) {
    if (pinned.value.some((e) => e.id === id)) {
      pinned.value = pinned.value.filter((e) => e.id !== id);
    }
  }

  return { loading, error, pinned, recorded, show, more, reload, pin, unpin };
}

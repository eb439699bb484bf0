/**
 * The expense list of the budget model: changing its sort or category
 * (first page again, the address kept in step), "Show more" (the next
 * page by cursor), reloading after a resync, and the expenses this person
 * just recorded, pinned on top when the order would put them elsewhere.
 *
 * @module
 */
import { type ReadonlySignal, type Signal, signal } from "@preact/signals";
import {
  DEFAULT_EXPENSE_PAGE,
  type Expense,
  type ExpensePage,
} from "@/lib/budget/shared.ts";
import { failureText } from "@/components/api.ts";
import type { World } from "@/components/world.ts";
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

/** A load that failed, and how to try it again. */
export interface ListError {
  text: string;
  retry: () => void;
}

/** The list's loading state and actions. */
export interface ExpenseListModel {
  loading: ReadonlySignal<ListLoading>;
  /** The last load that failed, or null. */
  error: ReadonlySignal<ListError | null>;
  /** Recorded here, on top whatever the order. */
  pinned: ReadonlySignal<Expense[]>;
  /** Ids recorded here since the view last changed ("Just recorded"). */
  recorded: ReadonlySignal<ReadonlySet<string>>;
  /** Shows `view` from its first page; on failure the old list stays. */
  show(view: ListView): Promise<void>;
  /** Appends the next page. */
  more(): Promise<void>;
  /** Everything the list shows again, as many rows as it had (a resync). */
  reload(): Promise<void>;
  /** This person recorded `expense`: on top, whatever the order. */
  pin(expense: Expense): void;
  /** An expense is gone: from the pinned ones too. */
  unpin(id: string): void;
}

/**
 * The list over the page's `data`; `replaceUrl` keeps the address in step
 * with the view.
 */
export function createExpenseList(
  world: World & { replaceUrl(href: string): void },
  data: Signal<BudgetData>,
  gone: Tombstones,
): ExpenseListModel {
  const loading = signal<ListLoading>(null);
  const error = signal<ListError | null>(null);
  const pinned = signal<Expense[]>([]);
  const recorded = signal<ReadonlySet<string>>(new Set());
  // Answers to an older request (the view changed since) are dropped.
  let request = 0;

  const setList = (list: ExpenseList) => data.value = { ...data.value, list };

  async function show(view: ListView) {
    const ticket = ++request;
    loading.value = "view";
    error.value = null;
    try {
      const page = await world.send<ExpensePage>(
        "GET",
        pageUrl(view, DEFAULT_EXPENSE_PAGE),
      );
      if (ticket !== request) return;
      world.replaceUrl(viewHref(view));
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
      if (ticket !== request) return;
      error.value = {
        text: failureText(failure, "Could not load the expenses"),
        retry: () => show(view),
      };
    } finally {
      if (ticket === request) loading.value = null;
    }
  }

  async function more() {
    const list = data.value.list;
    if (list.nextCursor === null || loading.value !== null) return;
    const ticket = request;
    loading.value = "more";
    error.value = null;
    try {
      const page = await world.send<ExpensePage>(
        "GET",
        pageUrl(list.view, DEFAULT_EXPENSE_PAGE, list.nextCursor),
      );
      if (ticket !== request) return;
      setList(appendPage(data.value.list, page, gone.expenses));
    } catch (failure) {
      if (ticket !== request) return;
      error.value = {
        text: failureText(failure, "Could not load more expenses"),
        retry: more,
      };
    } finally {
      if (ticket === request) loading.value = null;
    }
  }

  async function reload() {
    const list = data.value.list;
    const ticket = ++request;
    const page = await world.send<ExpensePage>(
      "GET",
      pageUrl(
        list.view,
        Math.min(200, Math.max(DEFAULT_EXPENSE_PAGE, list.expenses.length)),
      ),
    );
    if (ticket !== request) return;
    setList(appendPage({ ...list, expenses: [] }, page, gone.expenses));
  }

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

  function unpin(id: string) {
    if (pinned.value.some((e) => e.id === id)) {
      pinned.value = pinned.value.filter((e) => e.id !== id);
    }
  }

  return { loading, error, pinned, recorded, show, more, reload, pin, unpin };
}

import type { ComponentChildren } from "preact";
import type { CategoryView, Expense } from "@/lib/budget/shared.ts";
import { EmptyState } from "@/components/EmptyState.tsx";
import { useHref } from "@/components/production_path.ts";
import { ExpenseTable } from "./ExpenseTable.tsx";
import {
  type ExpenseList,
  type ListView,
  SORT_CHOICES,
  sortLabel,
  viewHref,
} from "./list.ts";

/** What the list is doing: loading a new view, the next page, or nothing. */
export type ListLoading = "view" | "more" | null;

/**
 * The expenses card: the record form's slot (`children`), the category
 * filter and the sort (a GET form without JavaScript), the table, and
 * "Show more" with its loading and error states.
 */
export function ExpensesCard(props: {
  list: ExpenseList;
  /** How many expenses the view holds in all. */
  total: number;
  pinned: Expense[];
  /** Ids just recorded here. */
  marked: ReadonlySet<string>;
  categories: CategoryView[];
  currency: string;
  timeZone: string;
  canWrite: boolean;
  hydrated: boolean;
  deleting: ReadonlySet<string>;
  flashing: ReadonlySet<string>;
  /** Expenses with open script-change flags. */
  flagged?: ReadonlySet<string>;
  loading: ListLoading;
  /** The last load that failed and how to try again, or null. */
  error: { text: string; retry: () => void } | null;
  onView?: (view: ListView) => void;
  onMore?: () => void;
  onDelete?: (expense: Expense, e: SubmitEvent) => void;
  children?: ComponentChildren;
}) {
  const { list, categories, hydrated, loading } = props;
  const href = useHref();
  const { view } = list;
  const filtered = view.categoryId === null
    ? null
    : categories.find((c) => c.id === view.categoryId) ?? null;
  const shown = list.expenses.length +
    props.pinned.filter((p) => !list.expenses.some((e) => e.id === p.id))
      .length;
  const sortValue = `${view.sort}-${view.order}`;
  const where = filtered ? ` in ${filtered.name}` : "";
  const summary = props.total === 0
    ? `No expenses${where} yet`
    : `Showing ${Math.min(shown, props.total)} of ${props.total}${where} · ${
      sortLabel(view).toLowerCase()
    }`;
  return (
    <section
      class="card budget-card expenses-card"
      aria-labelledby="expenses-title"
    >
      <div class="card-head">
        <div>
          <h2 id="expenses-title">Expenses</h2>
          <p class="muted card-sub" id="expense-summary">{summary}</p>
        </div>
      </div>
      {props.children}
      <form
        class="expense-filter"
        method="get"
        action={href("/budget")}
        aria-label="Filter and sort the expenses"
        onSubmit={(e) => e.preventDefault()}
      >
        <label class="field">
          <span>Category</span>
          <select
            name="category"
            onChange={(e) =>
              props.onView?.({
                ...view,
                categoryId: (e.currentTarget as HTMLSelectElement).value ||
                  null,
              })}
          >
            <option value="">All categories</option>
            {categories.map((c) => (
              <option
                key={c.id}
                value={c.id}
                selected={view.categoryId === c.id}
              >
                {c.code} · {c.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Sort by</span>
          <select
            name="sort"
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value;
              const choice = SORT_CHOICES.find((c) => c.value === value);
              if (choice) {
                props.onView?.({
                  ...view,
                  sort: choice.sort,
                  order: choice.order,
                });
              }
            }}
          >
            {SORT_CHOICES.map((c) => (
              <option
                key={c.value}
                value={c.value}
                selected={c.value === sortValue}
              >
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {!hydrated && <button type="submit" class="button">Show</button>}
        {loading === "view" && (
          <span class="list-status muted" role="status">Loading…</span>
        )}
      </form>
      {props.error && (
        <div class="form-error list-error" role="alert">
          {props.error.text} {loading === null && (
            <button
              type="button"
              class="button button-quiet button-small"
              onClick={props.error.retry}
            >
              Try again
            </button>
          )}
        </div>
      )}
      {shown === 0
        ? (
          <EmptyState
            title={filtered
              ? `No expenses in ${filtered.name} yet`
              : "No expenses recorded yet"}
          />
        )
        : (
          <ExpenseTable
            expenses={list.expenses}
            pinned={props.pinned}
            marked={props.marked}
            categories={categories}
            currency={props.currency}
            timeZone={props.timeZone}
            sort={view.sort}
            order={view.order}
            canWrite={props.canWrite}
            deleting={props.deleting}
            flashing={props.flashing}
            flagged={props.flagged}
            busy={loading === "view"}
            onDelete={props.onDelete}
          />
        )}
      {list.nextCursor !== null && (
        <div class="list-more">
          {hydrated
            ? (
              <button
                type="button"
                class="button"
                onClick={props.onMore}
                disabled={loading !== null}
                aria-describedby="expense-summary"
              >
                {loading === "more" ? "Loading more…" : "Show more"}
              </button>
            )
            : (
              <a
                class="button"
                href={href(viewHref(view, list.expenses.length + 50))}
              >
                Show more
              </a>
            )}
        </div>
      )}
    </section>
  );
}

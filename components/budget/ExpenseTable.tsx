import type { CategoryView } from "../../lib/budget/budget_store.ts";
import { formatMoney } from "../../lib/budget/money.ts";
import type { Expense } from "../../lib/budget/schemas.ts";

// Expense dates are calendar days: format them in UTC so no time zone
// moves them to the day before.
const DAY = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** `2027-03-14` as "14 Mar 2027". */
export function formatDay(date: string): string {
  return DAY.format(new Date(`${date}T00:00:00Z`));
}

/**
 * Expenses, newest first. Each delete button is a real form post (the page
 * handles it without JavaScript); the island intercepts it to confirm and
 * delete in place.
 */
export function ExpenseTable(
  { expenses, categories, currency, canWrite, deleting, flashing, onDelete }: {
    expenses: Expense[];
    categories: CategoryView[];
    currency: string;
    canWrite: boolean;
    /** Ids being deleted right now. */
    deleting: ReadonlySet<string>;
    flashing: ReadonlySet<string>;
    onDelete?: (expense: Expense, e: SubmitEvent) => void;
  },
) {
  const categoryOf = new Map(categories.map((c) => [c.id, c]));
  return (
    <div
      class="table-wrap budget-table-wrap"
      role="region"
      aria-labelledby="expenses-title"
      tabIndex={0}
    >
      <table class="table expense-table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Category</th>
            <th scope="col">Description</th>
            <th scope="col" class="num">Amount</th>
            <th scope="col">Booked by</th>
            {canWrite && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {expenses.map((e) => {
            const category = categoryOf.get(e.categoryId);
            const busy = deleting.has(e.id);
            return (
              <tr
                key={e.id}
                class={`expense-row${busy ? " is-deleting" : ""}${
                  flashing.has(e.id) ? " is-flashing" : ""
                }`}
                data-expense-id={e.id}
              >
                <td class="date">
                  <time dateTime={e.date}>{formatDay(e.date)}</time>
                </td>
                <td class="expense-category">
                  {category
                    ? (
                      <>
                        <span class="code">{category.code}</span>{" "}
                        {category.name}
                      </>
                    )
                    : <span class="muted">Deleted category</span>}
                </td>
                <td class="expense-text">
                  <span class="expense-description">{e.description}</span>
                  {e.vendor && (
                    <span class="expense-vendor muted">{e.vendor}</span>
                  )}
                </td>
                <td class="num">{formatMoney(e.amountCents, currency)}</td>
                <td class="muted expense-by">{e.createdByName}</td>
                {canWrite && (
                  <td class="row-actions">
                    <form
                      method="post"
                      action="/budget"
                      onSubmit={onDelete && ((ev) => onDelete(e, ev))}
                    >
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="id" value={e.id} />
                      <button
                        type="submit"
                        class="button button-quiet button-small button-delete"
                        disabled={busy}
                        aria-label={`Delete expense: ${e.description}, ${
                          formatMoney(e.amountCents, currency)
                        }`}
                      >
                        {busy ? "Deleting…" : "Delete"}
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

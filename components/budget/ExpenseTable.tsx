import type {
  CategoryView,
  Expense,
  ExpenseSort,
} from "@/lib/budget/shared.ts";
import { formatMoney } from "@/lib/budget/money.ts";
import { formatDate, formatDateTime } from "@/lib/format.ts";
import { useHref } from "@/components/production_path.ts";
import { FlaggedBadge } from "@/components/ripple/FlaggedBadge.tsx";
import { recordPage } from "@/lib/records/shared.ts";

/** The column each sort orders by, for `aria-sort`. */
const SORTED_COLUMN: Record<ExpenseSort, string> = {
  date: "Date",
  category: "Category",
  amount: "Amount",
  recorded: "Recorded",
};

/**
 * Expenses in the list's order; the ones this person just recorded first
 * (`pinned`) when the order would put them elsewhere, and marked "Just
 * recorded". Each delete button is a real form post (the page handles it
 * without JavaScript); the island intercepts it to confirm and delete in
 * place.
 */
export function ExpenseTable(
  {
    expenses,
    pinned,
    marked,
    categories,
    currency,
    timeZone,
    sort,
    order,
    canWrite,
    deleting,
    flashing,
    flagged,
    busy,
    onDelete,
  }: {
    expenses: Expense[];
    /** Just recorded here, shown first whatever the order. */
    pinned: Expense[];
    /** Ids just recorded here, marked as such. */
    marked: ReadonlySet<string>;
    categories: CategoryView[];
    currency: string;
    /** The production's time zone, for booking times. */
    timeZone: string;
    sort: ExpenseSort;
    order: "asc" | "desc";
    canWrite: boolean;
    /** Ids being deleted right now. */
    deleting: ReadonlySet<string>;
    flashing: ReadonlySet<string>;
    /** Expenses with open script-change flags. */
    flagged?: ReadonlySet<string>;
    /** A new sort or filter is loading. */
    busy?: boolean;
    onDelete?: (expense: Expense, e: SubmitEvent) => void;
  },
) {
  const href = useHref();
  const categoryOf = new Map(categories.map((c) => [c.id, c]));
  const pinnedIds = new Set(pinned.map((e) => e.id));
  const rows = [...pinned, ...expenses.filter((e) => !pinnedIds.has(e.id))];
  const header = (label: string, className?: string) => (
    <th
      scope="col"
      class={className}
      aria-sort={SORTED_COLUMN[sort] === label
        ? (order === "asc" ? "ascending" : "descending")
        : undefined}
    >
      {label}
    </th>
  );
  return (
    <div
      class="table-wrap budget-table-wrap"
      role="region"
      aria-label="Expense table"
      aria-busy={busy ? "true" : undefined}
      tabIndex={0}
    >
      <table class="table expense-table">
        <thead>
          <tr>
            {header("Date")}
            {header("Category")}
            <th scope="col">Description</th>
            {header("Amount", "num")}
            {header("Recorded")}
            {canWrite && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => {
            const category = categoryOf.get(e.categoryId);
            const removing = deleting.has(e.id);
            const isMine = marked.has(e.id);
            return (
              <tr
                key={e.id}
                class={`expense-row${removing ? " is-deleting" : ""}${
                  flashing.has(e.id) ? " is-flashing" : ""
                }${isMine ? " is-mine" : ""}`}
                data-expense-id={e.id}
                tabIndex={-1}
              >
                <td class="date">
                  <time dateTime={e.date}>{formatDate(e.date)}</time>
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
                  {isMine && <span class="pin-badge">Just recorded</span>}
                  <span class="expense-description">{e.description}</span>
                  {e.vendor && (
                    <span class="expense-vendor muted">{e.vendor}</span>
                  )}
                  <a
                    class="record-link"
                    href={href(recordPage("expense", e.id))}
                    aria-label={`Details and links of the expense ${
                      e.description || e.vendor
                    }`.trim()}
                  >
                    Details
                  </a>
                  {flagged?.has(e.id) && (
                    <>
                      {" "}
                      <FlaggedBadge />
                    </>
                  )}
                </td>
                <td class="num">{formatMoney(e.amountCents, currency)}</td>
                <td class="muted expense-by">
                  <span>{e.createdByName}</span>{" "}
                  <time class="expense-when" dateTime={e.createdAt}>
                    {formatDateTime(e.createdAt, timeZone)}
                  </time>
                </td>
                {canWrite && (
                  <td class="row-actions">
                    <form
                      method="post"
                      action={href("/budget")}
                      onSubmit={onDelete && ((ev) => onDelete(e, ev))}
                    >
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="id" value={e.id} />
                      <button
                        type="submit"
                        class="button button-quiet button-small button-delete"
                        disabled={removing}
                        aria-label={`Delete expense: ${e.description}, ${
                          formatMoney(e.amountCents, currency)
                        }`}
                      >
                        {removing ? "Deleting…" : "Delete"}
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

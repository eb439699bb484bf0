import { useModel } from "@preact/signals";
import { EmptyState } from "@/components/EmptyState.tsx";
import { BudgetChart } from "@/components/budget/BudgetChart.tsx";
import {
  BudgetModel,
  type PostedForm,
} from "@/components/budget/budget_model.ts";
import { CategoryDialog } from "@/components/budget/CategoryDialog.tsx";
import { CategoryTable } from "@/components/budget/CategoryTable.tsx";
import { ExpenseForm } from "@/components/budget/ExpenseForm.tsx";
import { ExpensesCard } from "@/components/budget/ExpensesCard.tsx";
import type { BudgetData } from "@/components/budget/model.ts";
import { TopSheet } from "@/components/budget/TopSheet.tsx";
import { useFlaggedIds } from "@/components/ripple/use_flagged_ids.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { browserWorld } from "@/components/world.ts";
import type { CategoryView, Expense } from "@/lib/budget/shared.ts";
import { useHref } from "@/components/production_path.ts";

export type { PostedForm };

/**
 * The budget page, live: top sheet; the expense list (sortable, paged,
 * with the record form on top); categories by section with spend bars and
 * alert states; the allocated-vs-spent chart. Every `budget_update`
 * updates it in place. State and actions live in `BudgetModel`.
 */
export default function BudgetView(props: {
  initial: BudgetData;
  canWrite: boolean;
  /** The default expense date (today in the production's time zone). */
  today: string;
  /** The production's time zone, for booking times. */
  timeZone: string;
  posted: PostedForm | null;
  /** Lines and expenses with open script-change flags. */
  flagged: { lines: string[]; expenses: string[] };
}) {
  // The list's addresses are production-relative (components/budget/list.ts).
  const to = useHref();
  const flaggedLines = useFlaggedIds("budget_category", props.flagged.lines);
  const flaggedExpenses = useFlaggedIds("expense", props.flagged.expenses);
  const model = useModel(() =>
    new BudgetModel({
      ...browserWorld(),
      replaceUrl: (href) => history.replaceState(history.state, "", to(href)),
    }, props)
  );
  const hydrated = useHydrated();
  const { canWrite } = props;
  const { list, form, editor } = model;
  const data = model.data.value;
  const categories = model.categories.value;
  const currency = model.currency.value;
  const open = editor.dialog.state.value;
  const interactive = canWrite && hydrated;

  async function record(e: SubmitEvent) {
    e.preventDefault();
    const expense = await form.record();
    if (!expense) return;
    // Take people to it: the row is at the top of the list, highlighted.
    requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>(
        `[data-expense-id="${expense.id}"]`,
      );
      row?.focus({ preventScroll: true });
      row?.scrollIntoView({ block: "center" });
    });
  }

  const deleteExpense = (expense: Expense, e: SubmitEvent) => {
    e.preventDefault();
    model.deleteExpense(expense);
  };

  return (
    <div class="budget">
      <div class="visually-hidden" role="status" aria-live="polite">
        {model.announcement.value}
      </div>
      <TopSheet
        totals={model.totals.value}
        currency={currency}
        alerts={model.alerts.value}
        vfx={model.vfx.value}
        vfxLine={categories.find((c) => c.id === model.vfx.value?.categoryId) ??
          null}
      />
      {model.notice.value && (
        <p class="form-error budget-notice" role="alert">
          {model.notice.value}
        </p>
      )}

      <ExpensesCard
        list={data.list}
        total={model.expenseTotal.value}
        pinned={list.pinned.value}
        marked={list.recorded.value}
        categories={categories}
        currency={currency}
        timeZone={props.timeZone}
        canWrite={canWrite}
        hydrated={hydrated}
        deleting={model.deleting.value}
        flashing={model.flashing.value}
        flagged={flaggedExpenses.value}
        loading={list.loading.value}
        error={list.error.value}
        onView={list.show}
        onMore={list.more}
        onDelete={hydrated ? deleteExpense : undefined}
      >
        {canWrite && (
          <details class="record-expense" open={props.posted !== null}>
            <summary class="button button-primary">Record an expense</summary>
            <div class="record-expense-body">
              <h3 id="expense-form-title" class="visually-hidden">
                Record an expense
              </h3>
              {form.notice.value && (
                <p class="notice" role="status">{form.notice.value}</p>
              )}
              <ExpenseForm
                categories={categories}
                currency={currency}
                values={form.values.value}
                errors={form.errors.value}
                message={form.message.value}
                busy={form.busy.value}
                onField={form.setField}
                onSubmit={record}
              />
            </div>
          </details>
        )}
      </ExpensesCard>

      <section class="card budget-card" aria-labelledby="categories-title">
        <div class="card-head">
          <div>
            <h2 id="categories-title">Categories</h2>
            <p class="muted card-sub">
              {categories.length === 1
                ? "1 account"
                : `${categories.length} accounts`} by section · amounts in{" "}
              {currency}
            </p>
          </div>
          {interactive && (
            <button
              type="button"
              class="button"
              onClick={() => editor.dialog.open(null)}
            >
              New category
            </button>
          )}
        </div>
        {categories.length === 0
          ? (
            <EmptyState title="No budget categories yet">
              {canWrite && (
                <p>Add the accounts of your top sheet to start tracking.</p>
              )}
            </EmptyState>
          )
          : (
            <CategoryTable
              categories={categories}
              totals={model.totals.value}
              currency={currency}
              flashing={model.flashing.value}
              flagged={flaggedLines.value}
              vfx={model.vfx.value}
              onEdit={interactive
                ? (c: CategoryView) => editor.dialog.open(c)
                : undefined}
            />
          )}
      </section>

      <section class="card budget-card" aria-labelledby="chart-title">
        <h2 id="chart-title">Allocated vs spent</h2>
        {categories.length === 0
          ? <p class="muted">The chart appears once categories exist.</p>
          : <BudgetChart categories={categories} currency={currency} />}
      </section>

      {open && (
        <CategoryDialog
          key={`${open.record?.id ?? "new"}-${open.generation}`}
          category={open.record}
          currency={currency}
          status={open}
          onSubmit={editor.save}
          onClose={editor.dialog.close}
          onLoadLatest={editor.loadLatest}
          onDelete={open.record ? editor.remove : undefined}
        />
      )}
    </div>
  );
}

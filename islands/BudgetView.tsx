import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { type ApiFailure, failureText, send } from "@/components/api.ts";
import { EmptyState } from "@/components/EmptyState.tsx";
import { BudgetChart } from "@/components/budget/BudgetChart.tsx";
import { CategoryDialog } from "@/components/budget/CategoryDialog.tsx";
import { CategoryTable } from "@/components/budget/CategoryTable.tsx";
import {
  checkExpense,
  ExpenseForm,
  type ExpenseFormValues,
  expenseServerErrors,
  type FormErrors,
} from "@/components/budget/ExpenseForm.tsx";
import { ExpensesCard } from "@/components/budget/ExpensesCard.tsx";
import {
  addExpense,
  alertsOf,
  applyBudgetUpdate,
  applyOwnExpenseDelete,
  type BudgetData,
  dropExpense,
  expenseTotal,
  removeCategory,
  tombstones,
  upsertCategory,
} from "@/components/budget/model.ts";
import { TopSheet } from "@/components/budget/TopSheet.tsx";
import { useCategoryEditor } from "@/components/budget/useCategoryEditor.ts";
import { useExpenseList } from "@/components/budget/useExpenseList.ts";
import type {
  BudgetView as BudgetSummary,
  CategoryView,
} from "@/lib/budget/budget_store.ts";
import { formatMoney, totals } from "@/lib/budget/money.ts";
import type { BudgetAlert, Category, Expense } from "@/lib/budget/schemas.ts";
import { useFlash } from "@/components/use_flash.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { useRealtime } from "@/components/use_realtime.ts";

/** A form the page rendered after a post without JavaScript. */
export interface PostedForm {
  values: ExpenseFormValues;
  errors: FormErrors;
  message: string | null;
}

const FLASH_MS = 1_500;
/** How long an expense recorded here stays highlighted. */
const RECORDED_MS = 6_000;

/**
 * The budget page, live: top sheet; the expense list (sortable, paged,
 * with the record form on top); categories by section with spend bars and
 * alert states; the allocated-vs-spent chart. Every `budget_update`
 * updates it in place.
 */
export default function BudgetView(props: {
  initial: BudgetData;
  canWrite: boolean;
  /** The default expense date (today in the production's time zone). */
  today: string;
  /** The production's time zone, for booking times. */
  timeZone: string;
  posted: PostedForm | null;
}) {
  const data = useSignal(props.initial);
  const hydrated = useHydrated();
  const form = useSignal<ExpenseFormValues>(
    props.posted?.values ?? {
      categoryId: "",
      amount: "",
      date: props.today,
      description: "",
      vendor: "",
    },
  );
  const formErrors = useSignal<FormErrors>(props.posted?.errors ?? {});
  const formMessage = useSignal<string | null>(props.posted?.message ?? null);
  const formNotice = useSignal<string | null>(null);
  const formBusy = useSignal(false);
  const notice = useSignal<string | null>(null);
  const announcement = useSignal("");
  const deleting = useSignal<ReadonlySet<string>>(new Set());
  const { flashing, flashFor: flash } = useFlash(FLASH_MS);
  const gone = useRef(tombstones()).current;
  const list = useExpenseList(data, gone);
  const { canWrite } = props;
  const currency = data.value.currency;
  const money = (cents: number) => formatMoney(cents, currency);
  const say = (text: string) => announcement.value = text;

  const setDeleting = (id: string, on: boolean) => {
    const next = new Set(deleting.value);
    if (on) next.add(id);
    else next.delete(id);
    deleting.value = next;
  };
  const editor = useCategoryEditor({
    data,
    say,
    saved: (category) => {
      data.value = {
        ...data.value,
        categories: upsertCategory(data.value.categories, category, gone),
      };
      flash(FLASH_MS, category.id);
    },
    removed: (id) => removeLocally(id),
  });

  /** Everything again from the API (after a resync). */
  async function reload() {
    const budget = await send<BudgetSummary>("GET", "/api/budget");
    data.value = {
      ...data.value,
      currency: budget.currency,
      categories: budget.categories.filter((c) => !gone.categories.has(c.id)),
    };
    await list.reload();
  }

  useRealtime("budget_update", (event) => {
    const update = event.data;
    const before = data.value.list;
    data.value = applyBudgetUpdate(data.value, update, gone);
    flash(FLASH_MS, update.category.id);
    if (update.expense) {
      if (data.value.list !== before) flash(FLASH_MS, update.expense.id);
      if (update.action === "expense_deleted") list.unpin(update.expense.id);
    }
    if (
      update.action === "category_deleted" &&
      data.value.list.view.categoryId === update.category.id
    ) {
      list.show({ ...data.value.list.view, categoryId: null });
    }
    editor.onUpdate(update.action, update.category);
  }, () => {
    reload().catch(() => {
      notice.value = "The budget could not be reloaded. Refresh the page.";
    });
  });

  // ---- Expenses ----------------------------------------------------

  async function recordExpense(e: SubmitEvent) {
    e.preventDefault();
    const v = form.value;
    formNotice.value = null;
    // Every field the browser can check, at once; the server checks
    // everything again and its messages show the same way.
    const { errors, cents } = checkExpense(v, currency);
    if (Object.keys(errors).length > 0) {
      showFormErrors(errors);
      return;
    }
    formBusy.value = true;
    formErrors.value = {};
    formMessage.value = null;
    try {
      const result = await send<
        { expense: Expense; category: Category; alert?: BudgetAlert }
      >("POST", "/api/budget/expenses", {
        categoryId: v.categoryId,
        amountCents: cents,
        description: v.description.trim(),
        vendor: v.vendor.trim(),
        date: v.date,
      });
      data.value = addExpense(
        {
          ...data.value,
          categories: upsertCategory(
            data.value.categories,
            result.category,
            gone,
          ),
        },
        result.expense,
        gone,
      );
      list.pin(result.expense);
      flash(FLASH_MS, result.category.id);
      flash(RECORDED_MS, result.expense.id);
      form.value = { ...v, amount: "", description: "", vendor: "" };
      const text = `Recorded ${
        money(result.expense.amountCents)
      } in ${result.category.name}.`;
      formNotice.value = !result.alert
        ? text
        : result.alert.level >= 100
        ? `${text} ${result.category.name} is now over budget.`
        : `${text} ${result.category.name} has reached 80% of its budget.`;
      say(formNotice.value);
      // Take people to it: the row is at the top of the list, highlighted.
      requestAnimationFrame(() => {
        const row = document.querySelector<HTMLElement>(
          `[data-expense-id="${result.expense.id}"]`,
        );
        row?.focus({ preventScroll: true });
        row?.scrollIntoView({ block: "center" });
      });
    } catch (failure) {
      const f = failure as ApiFailure;
      const errors = f.error?.code === "validation"
        ? expenseServerErrors(f.error.details)
        : {};
      if (f.status === 404) {
        errors.categoryId = "This category no longer exists";
      }
      showFormErrors(
        errors,
        Object.keys(errors).length > 0
          ? undefined
          : failureText(failure, "Could not record the expense"),
      );
    } finally {
      formBusy.value = false;
    }
  }

  function showFormErrors(errors: FormErrors, message?: string) {
    formErrors.value = errors;
    formMessage.value = message ??
      (errors.form ?? "Check the highlighted fields.");
    say(formMessage.value);
  }

  async function deleteExpense(expense: Expense, e: SubmitEvent) {
    e.preventDefault();
    const label = `"${expense.description}" (${money(expense.amountCents)})`;
    if (!confirm(`Delete the expense ${label}?`)) return;
    setDeleting(expense.id, true);
    notice.value = null;
    try {
      await send(
        "DELETE",
        `/api/budget/expenses/${expense.id}`,
        undefined,
        expense.version,
      );
      data.value = applyOwnExpenseDelete(data.value, expense, gone);
      list.unpin(expense.id);
      flash(FLASH_MS, expense.categoryId);
      say(`Deleted the expense ${label}.`);
    } catch (failure) {
      if ((failure as ApiFailure).status === 404) {
        // Someone deleted it first; their event corrects the figures.
        data.value = dropExpense(data.value, expense.id, gone);
        list.unpin(expense.id);
      } else {
        notice.value = failureText(
          failure,
          `Could not delete the expense ${label}`,
        );
      }
    } finally {
      setDeleting(expense.id, false);
    }
  }

  function removeLocally(id: string) {
    data.value = {
      ...data.value,
      categories: removeCategory(data.value.categories, id, gone),
    };
    if (data.value.list.view.categoryId === id) {
      list.show({ ...data.value.list.view, categoryId: null });
    }
  }

  // ---- Render ------------------------------------------------------------

  const { categories } = data.value;
  const sum = totals(categories);
  const open = editor.dialog.value;
  const interactive = canWrite && hydrated;

  return (
    <div class="budget">
      <div class="visually-hidden" role="status" aria-live="polite">
        {announcement.value}
      </div>
      <TopSheet
        totals={sum}
        currency={currency}
        alerts={alertsOf(categories)}
      />
      {notice.value && (
        <p class="form-error budget-notice" role="alert">{notice.value}</p>
      )}

      <ExpensesCard
        list={data.value.list}
        total={expenseTotal(data.value)}
        pinned={list.pinned.value}
        marked={list.recorded.value}
        categories={categories}
        currency={currency}
        timeZone={props.timeZone}
        canWrite={canWrite}
        hydrated={hydrated}
        deleting={deleting.value}
        flashing={flashing.value}
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
              {formNotice.value && (
                <p class="notice" role="status">{formNotice.value}</p>
              )}
              <ExpenseForm
                categories={categories}
                currency={currency}
                values={form.value}
                errors={formErrors.value}
                message={formMessage.value}
                busy={formBusy.value}
                onField={(name, value) => {
                  form.value = { ...form.value, [name]: value };
                  formNotice.value = null;
                  if (formErrors.value[name]) {
                    const { [name]: _, ...rest } = formErrors.value;
                    formErrors.value = rest;
                    if (Object.keys(rest).length === 0) {
                      formMessage.value = null;
                    }
                  }
                }}
                onSubmit={recordExpense}
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
              onClick={() => editor.open(null)}
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
              totals={sum}
              currency={currency}
              flashing={flashing.value}
              onEdit={interactive
                ? (c: CategoryView) => editor.open(c)
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
          key={`${open.category?.id ?? "new"}-${open.generation}`}
          category={open.category}
          currency={currency}
          errors={open.errors}
          message={open.message}
          conflict={open.conflict}
          busy={open.busy}
          onSubmit={editor.save}
          onClose={editor.close}
          onLoadLatest={editor.loadLatest}
          onDelete={open.category ? editor.remove : undefined}
        />
      )}
    </div>
  );
}

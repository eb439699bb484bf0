import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useRef } from "preact/hooks";
import { EmptyState } from "../components/EmptyState.tsx";
import { type ApiFailure, failureText, send } from "../components/api.ts";
import { BudgetChart } from "../components/budget/BudgetChart.tsx";
import {
  CategoryDialog,
  type CategoryFormValues,
} from "../components/budget/CategoryDialog.tsx";
import { CategoryTable } from "../components/budget/CategoryTable.tsx";
import {
  ExpenseForm,
  type ExpenseFormValues,
  type FormErrors,
} from "../components/budget/ExpenseForm.tsx";
import { ExpenseTable } from "../components/budget/ExpenseTable.tsx";
import {
  addExpense,
  alertsOf,
  applyBudgetUpdate,
  applyOwnExpenseDelete,
  type BudgetData,
  dropExpense,
  EXPENSE_LIMIT,
  fieldErrors,
  mergeExpenses,
  parseAmount,
  removeCategory,
  tombstones,
  upsertCategory,
  viewOf,
  visibleExpenses,
} from "../components/budget/model.ts";
import { TopSheet } from "../components/budget/TopSheet.tsx";
import type {
  BudgetView as BudgetSummary,
  CategoryView,
} from "../lib/budget/budget_store.ts";
import { formatMoney, totals } from "../lib/budget/money.ts";
import type { BudgetAlert, Category, Expense } from "../lib/budget/schemas.ts";
import { getRealtimeClient } from "../realtime/client.ts";

interface DialogState {
  category: CategoryView | null;
  errors: Record<string, string>;
  message: string | null;
  conflict: CategoryView | null;
  busy: boolean;
  /** Bumped to re-mount the form with new defaults ("load latest"). */
  generation: number;
}

/** A form the page rendered after a post without JavaScript. */
export interface PostedForm {
  values: ExpenseFormValues;
  errors: FormErrors;
  message: string | null;
}

const FLASH_MS = 1_500;
const EDITABLE = ["name", "code", "section", "allocatedCents"] as const;

/**
 * The budget page, live: top sheet, categories by section with spend bars
 * and alert states, the allocated-vs-spent chart, the expense list and the
 * forms that change them. Every `budget_update` updates it in place.
 */
export default function BudgetView(props: {
  initial: BudgetData;
  canWrite: boolean;
  /** The category whose expenses are listed, or null for all. */
  filter: string | null;
  /** The default expense date (the server's today). */
  today: string;
  posted: PostedForm | null;
}) {
  const data = useSignal(props.initial);
  const filter = useSignal(props.filter);
  const hydrated = useSignal(false);
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
  const flashing = useSignal<ReadonlySet<string>>(new Set());
  const dialog = useSignal<DialogState | null>(null);
  const gone = useRef(tombstones()).current;
  // Categories whose every expense this view holds (the filtered list).
  const complete = useRef(new Set(props.filter ? [props.filter] : []))
    .current;
  const { canWrite } = props;
  const currency = data.value.currency;
  const money = (cents: number) => formatMoney(cents, currency);

  const flash = (...ids: string[]) => {
    flashing.value = new Set([...flashing.value, ...ids]);
    setTimeout(() => {
      const next = new Set(flashing.value);
      for (const id of ids) next.delete(id);
      flashing.value = next;
    }, FLASH_MS);
  };
  const setDeleting = (id: string, on: boolean) => {
    const next = new Set(deleting.value);
    if (on) next.add(id);
    else next.delete(id);
    deleting.value = next;
  };

  /** Everything again from the API (after a resync). */
  async function reload() {
    const [budget, list] = await Promise.all([
      send<BudgetSummary>("GET", "/api/budget"),
      send<{ expenses: Expense[] }>("GET", "/api/budget/expenses")
        .then((page) => page.expenses),
    ]);
    data.value = {
      currency: budget.currency,
      categories: budget.categories.filter((c) => !gone.categories.has(c.id)),
      expenses: list.filter((e) => !gone.expenses.has(e.id)),
      expenseCount: list.length,
    };
    for (const c of budget.categories) complete.add(c.id);
  }

  /** After deletions, fetch the next expenses so the list stays full. */
  async function refill() {
    const known = data.value.expenses.length;
    if (known >= Math.min(EXPENSE_LIMIT, data.value.expenseCount)) return;
    try {
      const { expenses: list } = await send<{ expenses: Expense[] }>(
        "GET",
        "/api/budget/expenses",
      );
      data.value = mergeExpenses(
        data.value,
        list.slice(0, EXPENSE_LIMIT),
        gone,
      );
    } catch {
      // The list is only shorter; the next resync fills it.
    }
  }

  useEffect(() => {
    hydrated.value = true;
    if (!IS_BROWSER) return;
    const client = getRealtimeClient();
    const off = client.subscribe("budget_update", (event) => {
      const update = event.data;
      data.value = applyBudgetUpdate(data.value, update, gone);
      flash(update.category.id, ...(update.expense ? [update.expense.id] : []));
      if (update.action === "category_deleted") {
        if (filter.value === update.category.id) showExpensesOf(null);
      }
      if (update.action === "expense_deleted") refill();
      const open = dialog.value;
      if (open?.category?.id === update.category.id && !open.busy) {
        if (update.action === "category_deleted") {
          dialog.value = {
            ...open,
            message: "Someone else deleted this category.",
          };
        } else if (changedByOthers(open.category, update.category)) {
          dialog.value = { ...open, conflict: viewOf(update.category) };
        } else if (update.category.version > open.category.version) {
          // Only its spend moved (a booking): keep the note current.
          dialog.value = { ...open, category: viewOf(update.category) };
        }
      }
    });
    const offResync = client.onResync(() => {
      reload().catch(() => {
        notice.value = "The budget could not be reloaded. Refresh the page.";
      });
    });
    return () => {
      off();
      offResync();
    };
  }, []);

  // ---- Expense list filter -------------------------------------------

  async function showExpensesOf(categoryId: string | null) {
    filter.value = categoryId;
    const url = new URL(location.href);
    if (categoryId) url.searchParams.set("category", categoryId);
    else url.searchParams.delete("category");
    history.replaceState(history.state, "", url);
    if (categoryId === null || complete.has(categoryId)) return;
    try {
      const { expenses: list } = await send<{ expenses: Expense[] }>(
        "GET",
        `/api/budget/expenses?categoryId=${
          encodeURIComponent(categoryId)
        }&limit=200`,
      );
      data.value = mergeExpenses(data.value, list, gone);
      complete.add(categoryId);
    } catch (e) {
      notice.value = failureText(e, "Could not load the expenses");
    }
  }

  // ---- Expenses ----------------------------------------------------

  async function recordExpense(e: SubmitEvent) {
    e.preventDefault();
    const v = form.value;
    // Only the amount is checked here (it must become exact cents); the
    // server checks everything and its messages show beside the fields.
    const amount = parseAmount(v.amount, currency);
    formNotice.value = null;
    if (!amount.ok) {
      showFormErrors({ amount: amount.message });
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
        amountCents: amount.cents,
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
      flash(result.category.id, result.expense.id);
      form.value = { ...v, amount: "", description: "", vendor: "" };
      const text = `Recorded ${
        money(result.expense.amountCents)
      } in ${result.category.name}.`;
      formNotice.value = !result.alert
        ? text
        : result.alert.level >= 100
        ? `${text} ${result.category.name} is now over budget.`
        : `${text} ${result.category.name} has reached 80 % of its budget.`;
      announcement.value = formNotice.value;
    } catch (failure) {
      const f = failure as ApiFailure;
      const errors = f.error?.code === "validation"
        ? fieldErrors(f.error.details, { amountCents: "amount" })
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
    announcement.value = formMessage.value;
    const first = ["categoryId", "amount", "date", "description", "vendor"]
      .find((name) => errors[name]);
    if (first) document.getElementById(`expense-${first}`)?.focus();
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
      flash(expense.categoryId);
      announcement.value = `Deleted the expense ${label}.`;
      refill();
    } catch (failure) {
      if ((failure as ApiFailure).status === 404) {
        // Someone deleted it first; their event corrects the figures.
        data.value = dropExpense(data.value, expense.id, gone);
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

  // ---- Categories ----------------------------------------------------

  function openDialog(category: CategoryView | null) {
    dialog.value = {
      category,
      errors: {},
      message: null,
      conflict: null,
      busy: false,
      generation: 0,
    };
  }

  async function saveCategory(values: CategoryFormValues) {
    const open = dialog.value;
    if (!open) return;
    const errors: Record<string, string> = {};
    const allocation = parseAmount(values.allocation, currency, {
      allowZero: true,
    });
    if (!allocation.ok) errors.allocation = allocation.message;
    if (values.name.trim() === "") errors.name = "Enter a name";
    if (values.code.trim() === "") errors.code = "Enter an account code";
    if (!allocation.ok || Object.keys(errors).length > 0) {
      dialog.value = { ...open, errors, message: null };
      return;
    }
    const body = {
      name: values.name.trim(),
      code: values.code.trim(),
      section: values.section,
      allocatedCents: allocation.cents,
    };
    const basis = open.category;
    // Only what this person changed: a concurrent booking (which bumps the
    // version) or someone else's edit of another field is kept.
    const patch = basis
      ? Object.fromEntries(
        Object.entries(body).filter(([key, value]) =>
          basis[key as keyof typeof body] !== value
        ),
      )
      : body;
    if (basis && Object.keys(patch).length === 0) {
      dialog.value = null;
      return;
    }
    dialog.value = { ...open, busy: true, errors: {}, message: null };
    try {
      const saved = await send<CategoryView>(
        basis ? "PATCH" : "POST",
        basis ? `/api/budget/categories/${basis.id}` : "/api/budget/categories",
        patch,
      );
      data.value = {
        ...data.value,
        categories: upsertCategory(data.value.categories, saved, gone),
      };
      flash(saved.id);
      dialog.value = null;
      announcement.value = basis
        ? `Saved ${saved.name}.`
        : `Added the category ${saved.name}.`;
    } catch (failure) {
      const f = failure as ApiFailure;
      const errors = f.error?.code === "validation"
        ? fieldErrors(f.error.details, { allocatedCents: "allocation" })
        : {};
      const field = (f.error?.details as { field?: string } | undefined)
        ?.field;
      if (f.status === 409 && field === "code") {
        errors.code = `Another category already uses the code ${body.code}`;
      }
      dialog.value = {
        ...open,
        busy: false,
        errors,
        message: Object.keys(errors).length > 0
          ? "Check the highlighted fields."
          : f.status === 404
          ? "Someone else deleted this category."
          : failureText(failure, "Could not save the category"),
      };
    }
  }

  async function deleteCategory() {
    const open = dialog.value;
    const category = open?.category;
    if (!open || !category) return;
    if (!confirm(`Delete the category "${category.name}"?`)) return;
    dialog.value = { ...open, busy: true, message: null };
    try {
      await send("DELETE", `/api/budget/categories/${category.id}`);
      removeLocally(category.id);
      dialog.value = null;
      announcement.value = `Deleted the category ${category.name}.`;
    } catch (failure) {
      if ((failure as ApiFailure).status === 404) {
        removeLocally(category.id);
        dialog.value = null;
        return;
      }
      // 409 "still has expenses" carries the explanation for people.
      dialog.value = {
        ...open,
        busy: false,
        message: failureText(failure, "Could not delete the category"),
      };
    }
  }

  function removeLocally(id: string) {
    data.value = {
      ...data.value,
      categories: removeCategory(data.value.categories, id, gone),
    };
    if (filter.value === id) showExpensesOf(null);
  }

  // ---- Render ------------------------------------------------------------

  const { categories } = data.value;
  const sum = totals(categories);
  const shown = visibleExpenses(data.value, filter.value);
  const filtered = filter.value === null
    ? null
    : categories.find((c) => c.id === filter.value) ?? null;
  const open = dialog.value;
  const interactive = canWrite && hydrated.value;

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
              onClick={() => openDialog(null)}
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
              onEdit={interactive ? openDialog : undefined}
            />
          )}
      </section>

      <div class={`budget-split${canWrite ? "" : " is-single"}`}>
        <section class="card budget-card" aria-labelledby="chart-title">
          <h2 id="chart-title">Allocated vs spent</h2>
          {categories.length === 0
            ? <p class="muted">The chart appears once categories exist.</p>
            : <BudgetChart categories={categories} currency={currency} />}
        </section>
        {canWrite && (
          <section
            class="card budget-card"
            aria-labelledby="expense-form-title"
          >
            <h2 id="expense-form-title">Record an expense</h2>
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
                  if (Object.keys(rest).length === 0) formMessage.value = null;
                }
              }}
              onAmountBlur={() => {
                const text = form.value.amount;
                if (text.trim() === "") return;
                const amount = parseAmount(text, currency);
                if (!amount.ok) {
                  formErrors.value = {
                    ...formErrors.value,
                    amount: amount.message,
                  };
                }
              }}
              onSubmit={recordExpense}
            />
          </section>
        )}
      </div>

      <section class="card budget-card" aria-labelledby="expenses-title">
        <div class="card-head">
          <div>
            <h2 id="expenses-title">Expenses</h2>
            <p class="muted card-sub" id="expense-summary">
              {filtered
                ? `${shown.length} in ${filtered.name}, newest first`
                : data.value.expenseCount > shown.length
                ? `The ${shown.length} most recent of ${data.value.expenseCount}, newest first`
                : `${shown.length} in all, newest first`}
            </p>
          </div>
          <form class="expense-filter" method="get" action="/budget">
            <label class="field">
              <span>Category</span>
              <select
                name="category"
                onChange={(e) =>
                  showExpensesOf(
                    (e.currentTarget as HTMLSelectElement).value || null,
                  )}
              >
                <option value="">All categories</option>
                {categories.map((c) => (
                  <option
                    key={c.id}
                    value={c.id}
                    selected={filter.value === c.id}
                  >
                    {c.code} · {c.name}
                  </option>
                ))}
              </select>
            </label>
            {!hydrated.value && (
              <button type="submit" class="button">Show</button>
            )}
          </form>
        </div>
        {shown.length === 0
          ? (
            <EmptyState
              title={filtered
                ? `No expenses in ${filtered.name} yet`
                : "No expenses recorded yet"}
            />
          )
          : (
            <ExpenseTable
              expenses={shown}
              categories={categories}
              currency={currency}
              canWrite={canWrite}
              deleting={deleting.value}
              flashing={flashing.value}
              onDelete={hydrated.value ? deleteExpense : undefined}
            />
          )}
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
          onSubmit={saveCategory}
          onClose={() => dialog.value = null}
          onLoadLatest={() => {
            const latest = open.conflict;
            if (!latest) return;
            dialog.value = {
              ...open,
              category: latest,
              conflict: null,
              generation: open.generation + 1,
            };
          }}
          onDelete={open.category ? deleteCategory : undefined}
        />
      )}
    </div>
  );
}

/** Whether someone else changed a field the dialog edits. */
function changedByOthers(shown: Category, latest: Category): boolean {
  return latest.version > shown.version &&
    EDITABLE.some((key) => shown[key] !== latest[key]);
}

/**
 * "Record an expense" in the budget model: what is typed, the errors of
 * the last attempt, and recording (checked here first, then by the API),
 * after which the expense is on top of the list and highlighted.
 *
 * @module
 */
import { type ReadonlySignal, type Signal, signal } from "@preact/signals";
import type { BudgetAlert, Category, Expense } from "@/lib/budget/shared.ts";
import { formatMoney } from "@/lib/budget/money.ts";
import { type ApiFailure, failureText } from "@/components/api.ts";
import type { Flash } from "@/components/use_flash.ts";
import type { World } from "@/components/world.ts";
import {
  checkExpense,
  type ExpenseFormValues,
  expenseServerErrors,
  type FormErrors,
} from "./ExpenseForm.tsx";
import type { ExpenseListModel } from "./list_model.ts";
import {
  addExpense,
  type BudgetData,
  type Tombstones,
  upsertCategory,
} from "./model.ts";

/** A form the page rendered after a post without JavaScript. */
export interface PostedForm {
  values: ExpenseFormValues;
  errors: FormErrors;
  message: string | null;
}

/** How long a category or expense changed elsewhere stays highlighted. */
export const FLASH_MS = 1_500;
/** How long an expense recorded here stays highlighted. */
export const RECORDED_MS = 6_000;

/** The form's state and actions. */
export interface ExpenseFormModel {
  values: ReadonlySignal<ExpenseFormValues>;
  errors: ReadonlySignal<FormErrors>;
  message: ReadonlySignal<string | null>;
  /** What the last recording did ("Recorded € 12.00 in Camera."). */
  notice: ReadonlySignal<string | null>;
  busy: ReadonlySignal<boolean>;
  /** Someone typed in a field: its error goes, the rest stay. */
  setField(name: keyof ExpenseFormValues, value: string): void;
  /** Records the expense typed; resolves to it, or null when refused. */
  record(): Promise<Expense | null>;
}

/** The form over the page's `data`, opened empty on `today` or as posted. */
export function createExpenseForm(world: World, page: {
  data: Signal<BudgetData>;
  gone: Tombstones;
  list: ExpenseListModel;
  flash: Flash;
  say: (text: string) => void;
  today: string;
  posted: PostedForm | null;
}): ExpenseFormModel {
  const { data, gone, list, flash, say, posted } = page;
  const values = signal<ExpenseFormValues>(
    posted?.values ?? {
      categoryId: "",
      amount: "",
      date: page.today,
      description: "",
      vendor: "",
    },
  );
  const errors = signal<FormErrors>(posted?.errors ?? {});
  const message = signal<string | null>(posted?.message ?? null);
  const notice = signal<string | null>(null);
  const busy = signal(false);

  function showErrors(shown: FormErrors, text?: string) {
    errors.value = shown;
    message.value = text ?? (shown.form ?? "Check the highlighted fields.");
    say(message.value);
  }

  function setField(name: keyof ExpenseFormValues, value: string) {
    values.value = { ...values.value, [name]: value };
    notice.value = null;
    if (errors.value[name]) {
      const { [name]: _, ...rest } = errors.value;
      errors.value = rest;
      if (Object.keys(rest).length === 0) message.value = null;
    }
  }

  async function record(): Promise<Expense | null> {
    const v = values.value;
    const { currency } = data.value;
    notice.value = null;
    // Every field the browser can check, at once; the server checks
    // everything again and its messages show the same way.
    const checked = checkExpense(v, currency);
    if (Object.keys(checked.errors).length > 0) {
      showErrors(checked.errors);
      return null;
    }
    busy.value = true;
    errors.value = {};
    message.value = null;
    try {
      const result = await world.send<
        { expense: Expense; category: Category; alert?: BudgetAlert }
      >("POST", "/api/budget/expenses", {
        categoryId: v.categoryId,
        amountCents: checked.cents,
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
      flash.flashFor(FLASH_MS, result.category.id);
      flash.flashFor(RECORDED_MS, result.expense.id);
      values.value = { ...v, amount: "", description: "", vendor: "" };
      notice.value = recordedText(result, currency);
      say(notice.value);
      return result.expense;
    } catch (failure) {
      const f = failure as ApiFailure;
      const shown = f.error?.code === "validation"
        ? expenseServerErrors(f.error.details)
        : {};
      if (f.status === 404) {
        shown.categoryId = "This category no longer exists";
      }
      showErrors(
        shown,
        Object.keys(shown).length > 0
          ? undefined
          : failureText(failure, "Could not record the expense"),
      );
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { values, errors, message, notice, busy, setField, record };
}

/** The notice after recording, with the threshold the expense crossed. */
function recordedText(
  result: { expense: Expense; category: Category; alert?: BudgetAlert },
  currency: string,
): string {
  const { expense, category, alert } = result;
  const text = `Recorded ${
    formatMoney(expense.amountCents, currency)
  } in ${category.name}.`;
  return !alert
    ? text
    : alert.level >= 100
    ? `${text} ${category.name} is now over budget.`
    : `${text} ${category.name} has reached 80% of its budget.`;
}

import type { CategoryView } from "@/lib/budget/shared.ts";
import { formatMoney } from "@/lib/budget/money.ts";
import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  issueErrors,
  missingFields,
} from "@/components/FormFields.tsx";
import { useHref } from "@/components/production_path.ts";
import { bySection, currencySymbol, parseAmount } from "./model.ts";

/** What the expense form holds (as typed). */
export interface ExpenseFormValues {
  categoryId: string;
  amount: string;
  date: string;
  description: string;
  vendor: string;
}

/** Errors per form field, plus `form` for the whole form. */
export type FormErrors = FieldErrors;

/** The fields in form order, with the labels the error summary names. */
export const EXPENSE_LABELS: Record<keyof ExpenseFormValues, string> = {
  categoryId: "Category",
  amount: "Amount",
  date: "Date",
  description: "Description",
  vendor: "Vendor",
};

/**
 * Every problem of the form at once, as the browser can tell: the
 * required fields and the amount (which must become exact cents). Empty
 * when it may be sent; the server checks everything again.
 */
export function checkExpense(
  values: ExpenseFormValues,
  currency: string,
): { errors: FormErrors; cents: number } {
  const errors = missingFields(values, {
    categoryId: "Choose a category",
    date: "Give the date",
    description: "Describe the expense",
  });
  const amount = parseAmount(values.amount, currency);
  if (!amount.ok) errors.amount = amount.message;
  return { errors, cents: amount.ok ? amount.cents : 0 };
}

/** The server's refusal as messages per field of this form. */
export function expenseServerErrors(details: unknown): FormErrors {
  return issueErrors(details, { amountCents: "amount" });
}

/**
 * "Record an expense": category, amount (a decimal, turned into exact
 * cents), date, description and vendor. A real form: without JavaScript it
 * posts to the page; the island submits it as JSON and shows the server's
 * field messages beside the fields.
 */
export function ExpenseForm(
  props: {
    categories: CategoryView[];
    currency: string;
    values: ExpenseFormValues;
    errors: FormErrors;
    message: string | null;
    busy: boolean;
    onField?: (name: keyof ExpenseFormValues, value: string) => void;
    onSubmit?: (e: SubmitEvent) => void;
  },
) {
  const { categories, currency, values, errors, message, busy, onField } =
    props;
  const href = useHref();
  const { field, error } = fieldErrors(
    "expense",
    errors,
    Object.keys(EXPENSE_LABELS),
  );
  const input = (name: keyof ExpenseFormValues, hint?: string) => ({
    name,
    value: values[name],
    onInput: onField &&
      ((e: Event) =>
        onField(name, (e.currentTarget as HTMLInputElement).value)),
    ...field(name, hint),
  });
  const amount = values.amount.trim() === ""
    ? null
    : parseAmount(values.amount, currency);
  const symbol = currencySymbol(currency);
  return (
    <form
      class="expense-form"
      method="post"
      action={href("/budget")}
      onSubmit={props.onSubmit}
      noValidate
      aria-labelledby="expense-form-title"
    >
      <input type="hidden" name="intent" value="add" />
      <ErrorSummary
        prefix="expense"
        errors={errors}
        labels={EXPENSE_LABELS}
        message={message}
      />
      <div class="expense-form-grid">
        <div class="field expense-field-category">
          <label for="expense-categoryId">Category</label>
          <select {...input("categoryId")} required>
            <option value="">Choose a category…</option>
            {bySection(categories).map((group) => (
              <optgroup key={group.section} label={group.label}>
                {group.rows.map((c) => (
                  <option
                    key={c.id}
                    value={c.id}
                    selected={values.categoryId === c.id}
                  >
                    {c.code} · {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {error("categoryId")}
        </div>
        <div class="field">
          <label for="expense-amount">Amount ({currency})</label>
          <div class="money-input">
            <span class="money-symbol" aria-hidden="true">{symbol}</span>
            <input
              {...input(
                "amount",
                errors.amount ? undefined : "expense-amount-hint",
              )}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="0.00"
              required
            />
          </div>
          {errors.amount
            ? error("amount")
            : (
              <span class="field-hint" id="expense-amount-hint">
                {amount?.ok
                  ? `Records ${formatMoney(amount.cents, currency)}`
                  : "For example 1234.50"}
              </span>
            )}
        </div>
        <div class="field">
          <label for="expense-date">Date</label>
          <input {...input("date")} type="date" required />
          {error("date")}
        </div>
        <div class="field expense-field-description">
          <label for="expense-description">Description</label>
          <input
            {...input("description")}
            type="text"
            maxLength={500}
            required
            autoComplete="off"
          />
          {error("description")}
        </div>
        <div class="field">
          <label for="expense-vendor">
            Vendor <span class="muted">(optional)</span>
          </label>
          <input {...input("vendor")} type="text" maxLength={200} />
          {error("vendor")}
        </div>
      </div>
      <div class="form-actions">
        <button
          type="submit"
          class="button button-primary"
          disabled={busy || categories.length === 0}
        >
          {busy ? "Recording…" : "Record expense"}
        </button>
      </div>
    </form>
  );
}

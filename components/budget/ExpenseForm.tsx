import type { CategoryView } from "../../lib/budget/budget_store.ts";
import { formatMoney } from "../../lib/budget/money.ts";
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
export type FormErrors = Record<string, string>;

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
    /** The amount field lost focus (to check it early). */
    onAmountBlur?: () => void;
    onSubmit?: (e: SubmitEvent) => void;
  },
) {
  const { categories, currency, values, errors, message, busy, onField } =
    props;
  const input = (name: keyof ExpenseFormValues) => ({
    name,
    id: `expense-${name}`,
    value: values[name],
    onInput: onField &&
      ((e: Event) =>
        onField(name, (e.currentTarget as HTMLInputElement).value)),
    ...(errors[name]
      ? { "aria-invalid": true, "aria-describedby": `expense-${name}-error` }
      : {}),
  });
  const error = (name: string) =>
    errors[name] && (
      <span class="field-error" id={`expense-${name}-error`}>
        {errors[name]}
      </span>
    );
  const amount = values.amount.trim() === ""
    ? null
    : parseAmount(values.amount, currency);
  const symbol = currencySymbol(currency);
  return (
    <form
      class="expense-form"
      method="post"
      action="/budget"
      onSubmit={props.onSubmit}
      noValidate
      aria-labelledby="expense-form-title"
    >
      <input type="hidden" name="intent" value="add" />
      {message && <p class="form-error" role="alert">{message}</p>}
      <div class="field">
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
      <div class="form-grid">
        <div class="field">
          <label for="expense-amount">Amount ({currency})</label>
          <div class="money-input">
            <span class="money-symbol" aria-hidden="true">{symbol}</span>
            <input
              {...input("amount")}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="0.00"
              required
              onBlur={props.onAmountBlur}
              aria-describedby={errors.amount
                ? "expense-amount-error"
                : "expense-amount-hint"}
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
      </div>
      <div class="field">
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

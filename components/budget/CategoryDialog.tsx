import {
  ConflictBanner,
  ErrorSummary,
  fieldErrors,
  formText,
} from "@/components/FormFields.tsx";
import { useEffect, useRef } from "preact/hooks";
import type { CategoryView } from "@/lib/budget/shared.ts";
import { formatMoney, toDecimal } from "@/lib/budget/money.ts";
import type { Section } from "@/lib/budget/schemas.ts";
import { currencySymbol, SECTION_LABELS, SECTION_ORDER } from "./model.ts";

/** What the category dialog submits (the allocation as typed). */
export interface CategoryFormValues {
  name: string;
  code: string;
  section: Section;
  allocation: string;
}

/** The fields in form order, as the error summary names them. */
const LABELS = {
  name: "Name",
  code: "Account code",
  section: "Section",
  allocation: "Allocation",
};

/**
 * Create or edit a budget category: name, account code, section and
 * allocation; in edit mode also delete (refused while it has expenses).
 * The fields are uncontrolled (`defaultValue`, `selected`): live updates
 * re-render the page under the open dialog and must not reset what is
 * being typed. "Load their version" re-mounts it with new defaults.
 */
export function CategoryDialog(props: {
  category: CategoryView | null;
  currency: string;
  errors: Record<string, string>;
  message: string | null;
  /** The category as someone else just saved it, while this one edits. */
  conflict: CategoryView | null;
  busy: boolean;
  onSubmit: (values: CategoryFormValues) => void;
  onClose: () => void;
  onLoadLatest: () => void;
  onDelete?: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const c = props.category;
  const { currency } = props;
  const { field, error } = fieldErrors(
    "category",
    props.errors,
    Object.keys(LABELS),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const text = formText(e.currentTarget as HTMLFormElement);
    props.onSubmit({
      name: text("name"),
      code: text("code"),
      section: text("section") as Section,
      allocation: text("allocation"),
    });
  };
  return (
    <dialog
      ref={ref}
      class="task-dialog budget-dialog"
      aria-labelledby="category-dialog-title"
      onClose={props.onClose}
    >
      <form method="dialog" onSubmit={submit} noValidate>
        <h2 id="category-dialog-title">
          {c ? `Edit ${c.name}` : "New budget category"}
        </h2>
        {props.conflict && (
          <ConflictBanner what="category" onLoadLatest={props.onLoadLatest} />
        )}
        <ErrorSummary
          prefix="category"
          errors={props.errors}
          labels={LABELS}
          message={props.message}
        />
        <div class="form-grid">
          <label class="field">
            <span>Name</span>
            <input
              name="name"
              required
              maxLength={100}
              defaultValue={c?.name ?? ""}
              autoFocus
              {...field("name")}
            />
            {error("name")}
          </label>
          <label class="field">
            <span>Account code</span>
            <input
              name="code"
              required
              maxLength={20}
              defaultValue={c?.code ?? ""}
              autoComplete="off"
              placeholder="e.g. 2300"
              {...field("code")}
            />
            {error("code")}
          </label>
          <label class="field">
            <span>Section</span>
            <select name="section" {...field("section")}>
              {SECTION_ORDER.map((s) => (
                <option
                  key={s}
                  value={s}
                  selected={(c?.section ?? "below_the_line") === s}
                >
                  {SECTION_LABELS[s]}
                </option>
              ))}
            </select>
            {error("section")}
          </label>
          <label class="field">
            <span>Allocation ({currency})</span>
            <span class="money-input">
              <span class="money-symbol" aria-hidden="true">
                {currencySymbol(currency)}
              </span>
              <input
                name="allocation"
                inputMode="decimal"
                autoComplete="off"
                required
                placeholder="0.00"
                defaultValue={c ? toDecimal(c.allocatedCents, currency) : ""}
                {...field("allocation")}
              />
            </span>
            {error("allocation")}
          </label>
        </div>
        {c && (
          <p class="muted dialog-note">
            Spent so far: {formatMoney(c.spentCents, currency)}.{" "}
            {c.spentCents > 0
              ? "A category with expenses cannot be deleted."
              : "It has no expenses yet."}
          </p>
        )}
        <div class="dialog-actions">
          {props.onDelete && (
            <button
              type="button"
              class="button button-danger"
              onClick={props.onDelete}
              disabled={props.busy}
            >
              Delete category
            </button>
          )}
          <button
            type="button"
            class="button button-quiet"
            onClick={() => ref.current?.close()}
          >
            Cancel
          </button>
          <button
            type="submit"
            class="button button-primary"
            disabled={props.busy}
          >
            {props.busy ? "Saving…" : c ? "Save changes" : "Add category"}
          </button>
        </div>
      </form>
    </dialog>
  );
}

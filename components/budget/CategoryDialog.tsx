import { EditDialog, type EditDialogStatus } from "@/components/EditDialog.tsx";
import { fieldErrors, formText } from "@/components/FormFields.tsx";
import type { CategoryView, Section } from "@/lib/budget/shared.ts";
import { formatMoney, toDecimal } from "@/lib/budget/money.ts";
import type { CategoryFormValues } from "./category_editor.ts";
import { currencySymbol, SECTION_LABELS, SECTION_ORDER } from "./model.ts";

export type { CategoryFormValues };

/** The fields in form order, as the error summary names them. */
const LABELS = {
  name: "Name",
  code: "Account code",
  section: "Section",
  allocation: "Allocation",
};

/**
 * Create or edit a budget category in the shared {@linkcode EditDialog}
 * frame: name, account code, section and allocation; in edit mode also
 * delete (refused while it has expenses). The fields are uncontrolled
 * (`defaultValue`, `selected`): live updates re-render the page under the
 * open dialog and must not reset what is being typed. "Load their
 * version" re-mounts it with new defaults.
 */
export function CategoryDialog(props: {
  category: CategoryView | null;
  currency: string;
  /** Errors, message, busy, and someone else's newer version. */
  status: EditDialogStatus;
  onSubmit: (values: CategoryFormValues) => void;
  onClose: () => void;
  onLoadLatest: () => void;
  onDelete?: () => void;
}) {
  const c = props.category;
  const { currency } = props;
  const { field, error } = fieldErrors(
    "category",
    props.status.errors,
    Object.keys(LABELS),
  );
  const submit = (form: HTMLFormElement) => {
    const text = formText(form);
    props.onSubmit({
      name: text("name"),
      code: text("code"),
      section: text("section") as Section,
      allocation: text("allocation"),
    });
  };
  return (
    <EditDialog
      prefix="category"
      class="budget-dialog"
      title={c ? `Edit ${c.name}` : "New budget category"}
      what="category"
      labels={LABELS}
      status={props.status}
      submitLabel={c ? "Save changes" : "Add category"}
      deleteLabel="Delete category"
      note={c && (
        <p class="muted dialog-note">
          Spent so far: {formatMoney(c.spentCents, currency)}. {c.spentCents > 0
            ? "A category with expenses cannot be deleted."
            : "It has no expenses yet."}
        </p>
      )}
      onSubmit={submit}
      onClose={props.onClose}
      onLoadLatest={props.onLoadLatest}
      onDelete={props.onDelete}
    >
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
    </EditDialog>
  );
}

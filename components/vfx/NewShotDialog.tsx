import { EditDialog, type EditDialogStatus } from "@/components/EditDialog.tsx";
import {
  fieldErrors,
  formText,
  missingFields,
} from "@/components/FormFields.tsx";
import { currencySymbol, parseAmount } from "@/components/budget/model.ts";
import type { Person } from "./model.ts";

/** What the new-shot dialog submits (numbers as typed). */
export interface NewShotValues {
  code: string;
  description: string;
  frameIn: string;
  frameOut: string;
  vendor: string;
  bid: string;
  assigneeId: string;
}

/** The fields of the dialog, in order (for focusing the first error). */
export const NEW_SHOT_FIELDS = [
  "code",
  "frameIn",
  "frameOut",
  "description",
  "vendor",
  "bid",
  "assigneeId",
] as const;

/** The fields' labels, in form order, as the error summary names them. */
const LABELS: Record<typeof NEW_SHOT_FIELDS[number], string> = {
  code: "Shot code",
  frameIn: "Frame in",
  frameOut: "Frame out",
  description: "Description",
  vendor: "Vendor",
  bid: "Bid",
  assigneeId: "Assignee",
};

/**
 * Every problem of the dialog the browser can tell, at once: the required
 * code and frames, frames as whole numbers, and the bid (exact cents,
 * optional). The server checks everything again.
 */
export function checkNewShot(
  values: NewShotValues,
  currency: string,
): { errors: Record<string, string>; bidCents: number } {
  const errors = missingFields(values, {
    code: "Enter a shot code",
    frameIn: "Give the first frame",
    frameOut: "Give the last frame",
  });
  for (const name of ["frameIn", "frameOut"] as const) {
    const text = values[name].trim();
    if (text !== "" && !/^\d+$/.test(text)) {
      errors[name] = "Frames are whole numbers";
    }
  }
  let bidCents = 0;
  if (values.bid.trim() !== "") {
    const bid = parseAmount(values.bid, currency, { allowZero: true });
    if (bid.ok) bidCents = bid.cents;
    else {
      errors.bid = /negative/.test(bid.message)
        ? "The bid cannot be negative"
        : bid.message;
    }
  }
  return { errors, bidCents };
}

/**
 * "New shot" (VFX team) in the shared {@linkcode EditDialog} frame. The
 * fields are uncontrolled (`defaultValue`): a live update re-renders the
 * table under the open dialog and must not reset what is being typed. The
 * server checks everything; its messages show beside their fields.
 */
export function NewShotDialog(props: {
  people: Person[];
  vendors: string[];
  currency: string;
  /** Errors, message and busy of the dialog. */
  status: EditDialogStatus;
  onSubmit: (values: NewShotValues) => void;
  onClose: () => void;
}) {
  const { field, error } = fieldErrors(
    "shot",
    props.status.errors,
    NEW_SHOT_FIELDS,
  );
  const submit = (form: HTMLFormElement) => {
    const text = formText(form);
    props.onSubmit({
      code: text("code"),
      description: text("description"),
      frameIn: text("frameIn"),
      frameOut: text("frameOut"),
      vendor: text("vendor"),
      bid: text("bid"),
      assigneeId: text("assigneeId"),
    });
  };
  return (
    <EditDialog
      prefix="shot"
      class="shot-dialog"
      title="New shot"
      what="shot"
      labels={LABELS}
      status={props.status}
      submitLabel="Create shot"
      busyLabel="Creating…"
      onSubmit={submit}
      onClose={props.onClose}
    >
      <div class="form-grid">
        <label class="field">
          <span>Shot code</span>
          <input
            name="code"
            required
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            placeholder="e.g. NL_060_0010"
            autoFocus
            {...field("code")}
          />
          {error("code")}
        </label>
        <div class="form-grid shot-frames-fields">
          <label class="field">
            <span>Frame in</span>
            <input
              name="frameIn"
              inputMode="numeric"
              autoComplete="off"
              required
              defaultValue="1001"
              {...field("frameIn")}
            />
            {error("frameIn")}
          </label>
          <label class="field">
            <span>Frame out</span>
            <input
              name="frameOut"
              inputMode="numeric"
              autoComplete="off"
              required
              placeholder="e.g. 1096"
              {...field("frameOut")}
            />
            {error("frameOut")}
          </label>
        </div>
      </div>
      <label class="field">
        <span>Description</span>
        <textarea
          name="description"
          rows={3}
          maxLength={2000}
          {...field("description")}
        />
        {error("description")}
      </label>
      <div class="form-grid">
        <label class="field">
          <span>Vendor</span>
          <input
            name="vendor"
            maxLength={200}
            list="shot-vendors"
            autoComplete="off"
            {...field("vendor")}
          />
          <datalist id="shot-vendors">
            {props.vendors.map((v) => <option key={v} value={v} />)}
          </datalist>
          {error("vendor")}
        </label>
        <label class="field">
          <span>Bid ({props.currency})</span>
          <span class="money-input">
            <span class="money-symbol" aria-hidden="true">
              {currencySymbol(props.currency)}
            </span>
            <input
              name="bid"
              inputMode="decimal"
              autoComplete="off"
              placeholder="0.00"
              {...field("bid")}
            />
          </span>
          {error("bid")}
        </label>
        <label class="field">
          <span>Assignee</span>
          <select
            name="assigneeId"
            {...field("assigneeId")}
          >
            <option value="">Unassigned</option>
            {props.people.map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
          </select>
          {error("assigneeId")}
        </label>
      </div>
    </EditDialog>
  );
}

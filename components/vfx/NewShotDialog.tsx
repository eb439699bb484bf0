import { fieldErrors, formText } from "../FormFields.tsx";
import { useEffect, useRef } from "preact/hooks";
import { currencySymbol } from "../budget/model.ts";
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

/**
 * "New shot" (VFX team). The fields are uncontrolled (`defaultValue`): a
 * live update re-renders the table under the open dialog and must not
 * reset what is being typed. The server checks everything; its messages
 * show beside their fields.
 */
export function NewShotDialog(props: {
  people: Person[];
  vendors: string[];
  currency: string;
  errors: Record<string, string>;
  message: string | null;
  busy: boolean;
  onSubmit: (values: NewShotValues) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const { field, error } = fieldErrors("shot", props.errors);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const text = formText(e.currentTarget as HTMLFormElement);
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
    <dialog
      ref={ref}
      class="task-dialog shot-dialog"
      aria-labelledby="shot-dialog-title"
      onClose={props.onClose}
    >
      <form method="dialog" onSubmit={submit} noValidate>
        <h2 id="shot-dialog-title">New shot</h2>
        {props.message && <p class="form-error" role="alert">{props.message}
        </p>}
        <div class="form-grid">
          <label class="field">
            <span>Shot code</span>
            <input
              id="shot-code"
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
                id="shot-frameIn"
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
                id="shot-frameOut"
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
            id="shot-description"
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
              id="shot-vendor"
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
                id="shot-bid"
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
              id="shot-assigneeId"
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
        <div class="dialog-actions">
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
            {props.busy ? "Creating…" : "Create shot"}
          </button>
        </div>
      </form>
    </dialog>
  );
}

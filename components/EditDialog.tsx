import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ConflictBanner, ErrorSummary } from "./FormFields.tsx";

/** The parts of an {@linkcode EditState} the dialog frame shows. */
export interface EditDialogStatus {
  errors: Record<string, string>;
  message: string | null;
  conflict: unknown;
  busy: boolean;
}

/**
 * The frame every create/edit dialog shares: a modal `<dialog>` opened on
 * mount, its title, the conflict banner, the error summary, the fields
 * (children) and the Delete / Cancel / Save row. Fields stay uncontrolled
 * in the children: live updates re-render the page under an open dialog
 * and must not reset what is being typed.
 *
 * @example
 * ```tsx
 * <EditDialog prefix="category" title="New budget category" what="category"
 *   labels={LABELS} status={state} submitLabel="Add category"
 *   onSubmit={(form) => save(formText(form))} onClose={editor.close}>
 *   <input name="name" />
 * </EditDialog>
 * ```
 */
export function EditDialog(props: {
  /** Prefix of field ids (as given to `fieldErrors`) and of the title id. */
  prefix: string;
  /** Extra classes beside `task-dialog`. */
  class?: string;
  title: string;
  /** What the record is called in the conflict banner ("task"). */
  what: string;
  /** Each field's label, in form order, for the error summary. */
  labels: Record<string, string>;
  status: EditDialogStatus;
  submitLabel: string;
  /** The submit button's text while busy ("Saving…" unless given). */
  busyLabel?: string;
  deleteLabel?: string;
  /** Shown between the fields and the buttons. */
  note?: ComponentChildren;
  children: ComponentChildren;
  onSubmit: (form: HTMLFormElement) => void;
  onClose: () => void;
  onInput?: () => void;
  onLoadLatest?: () => void;
  onDelete?: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const { status } = props;
  const titleId = `${props.prefix}-dialog-title`;
  return (
    <dialog
      ref={ref}
      class={props.class ? `task-dialog ${props.class}` : "task-dialog"}
      aria-labelledby={titleId}
      onClose={props.onClose}
    >
      <form
        method="dialog"
        noValidate
        onInput={props.onInput}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(e.currentTarget as HTMLFormElement);
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        {status.conflict != null && props.onLoadLatest && (
          <ConflictBanner what={props.what} onLoadLatest={props.onLoadLatest} />
        )}
        <ErrorSummary
          prefix={props.prefix}
          errors={status.errors}
          labels={props.labels}
          message={status.message}
        />
        {props.children}
        {props.note}
        <div class="dialog-actions">
          {props.onDelete && (
            <button
              type="button"
              class="button button-danger"
              onClick={props.onDelete}
              disabled={status.busy}
            >
              {props.deleteLabel ?? "Delete"}
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
            disabled={status.busy}
          >
            {status.busy ? props.busyLabel ?? "Saving…" : props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

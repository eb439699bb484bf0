import {
  ConflictBanner,
  ErrorSummary,
  fieldErrors,
  formText,
} from "@/components/FormFields.tsx";
import { useEffect, useRef } from "preact/hooks";
import { COLUMNS } from "@/lib/tasks/board.ts";
import type { Task } from "@/lib/tasks/shared.ts";
import { PRIORITY_LABELS } from "@/lib/tasks/shared.ts";

/** Values the dialog submits. */
export interface TaskFormValues {
  title: string;
  description: string;
  status: Task["status"];
  priority: Task["priority"];
  assigneeId: string | null;
  department: string;
  dueDate: string | null;
}

/** A person in the assignee picker. */
export interface Person {
  id: string;
  name: string;
}

/** The fields' labels, in form order, as the error summary names them. */
const LABELS = {
  title: "Title",
  description: "Description",
  status: "Status",
  priority: "Priority",
  assigneeId: "Assignee",
  department: "Department",
  dueDate: "Due date",
};

/** The create/edit dialog of the board. */
export function TaskDialog(props: {
  task: Task | null;
  people: Person[];
  errors: Record<string, string>;
  message: string | null;
  conflict: Task | null;
  busy: boolean;
  onSubmit: (values: TaskFormValues) => void;
  onClose: () => void;
  onInput: () => void;
  onLoadLatest: () => void;
  onDelete?: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const t = props.task;
  const { field, error } = fieldErrors(
    "task",
    props.errors,
    Object.keys(LABELS),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const text = formText(e.currentTarget as HTMLFormElement);
    props.onSubmit({
      title: text("title"),
      description: text("description"),
      status: text("status") as Task["status"],
      priority: text("priority") as Task["priority"],
      assigneeId: text("assigneeId") || null,
      department: text("department"),
      dueDate: text("dueDate") || null,
    });
  };
  return (
    <dialog
      ref={ref}
      class="task-dialog"
      aria-labelledby="task-dialog-title"
      onClose={props.onClose}
    >
      <form
        method="dialog"
        onSubmit={submit}
        onInput={props.onInput}
        noValidate
      >
        <h2 id="task-dialog-title">{t ? "Edit task" : "New task"}</h2>
        {props.conflict && (
          <ConflictBanner what="task" onLoadLatest={props.onLoadLatest} />
        )}
        <ErrorSummary
          prefix="task"
          errors={props.errors}
          labels={LABELS}
          message={props.message}
        />
        <label class="field">
          <span>Title</span>
          <input
            name="title"
            required
            maxLength={200}
            defaultValue={t?.title ?? ""}
            autoFocus
            {...field("title")}
          />
          {error("title")}
        </label>
        <label class="field">
          <span>Description</span>
          <textarea
            name="description"
            rows={4}
            maxLength={10_000}
            {...field("description")}
          >
            {t?.description ?? ""}
          </textarea>
          {error("description")}
        </label>
        <div class="form-grid">
          <label class="field">
            <span>Status</span>
            <select name="status" {...field("status")}>
              {COLUMNS.map((c) => (
                <option
                  value={c.status}
                  selected={(t?.status ?? "todo") === c.status}
                >
                  {c.label}
                </option>
              ))}
            </select>
            {error("status")}
          </label>
          <label class="field">
            <span>Priority</span>
            <select name="priority" {...field("priority")}>
              {(Object.keys(PRIORITY_LABELS) as Task["priority"][]).map((p) => (
                <option value={p} selected={(t?.priority ?? "medium") === p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
            {error("priority")}
          </label>
          <label class="field">
            <span>Assignee</span>
            <select name="assigneeId" {...field("assigneeId")}>
              <option value="">Unassigned</option>
              {props.people.map((p) => (
                <option value={p.id} selected={t?.assigneeId === p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {error("assigneeId")}
          </label>
          <label class="field">
            <span>Department</span>
            <input
              name="department"
              maxLength={60}
              defaultValue={t?.department ?? ""}
              {...field("department")}
            />
            {error("department")}
          </label>
          <label class="field">
            <span>Due date</span>
            <input
              name="dueDate"
              type="date"
              defaultValue={t?.dueDate ?? ""}
              {...field("dueDate")}
            />
            {error("dueDate")}
          </label>
        </div>
        <div class="dialog-actions">
          {props.onDelete && (
            <button
              type="button"
              class="button button-danger"
              onClick={props.onDelete}
              disabled={props.busy}
            >
              Delete
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
            {props.busy ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </dialog>
  );
}

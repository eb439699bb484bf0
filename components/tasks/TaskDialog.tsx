import { EditDialog } from "@/components/EditDialog.tsx";
import type { EditState } from "@/components/edit_dialog.ts";
import { fieldErrors, formText } from "@/components/FormFields.tsx";
import { COLUMNS } from "@/lib/tasks/board.ts";
import {
  type Person,
  PRIORITY_LABELS,
  type Task,
  type TaskFormValues,
} from "@/lib/tasks/shared.ts";
import { TASK_FORM_LABELS } from "./TaskEditForm.tsx";

/** The form's values as the API takes them. */
function values(form: HTMLFormElement): TaskFormValues {
  const text = formText(form);
  return {
    title: text("title"),
    description: text("description"),
    status: text("status") as Task["status"],
    priority: text("priority") as Task["priority"],
    assigneeId: text("assigneeId") || null,
    department: text("department"),
    dueDate: text("dueDate") || null,
  };
}

/** The create/edit dialog of a task (the board and the task page). */
export function TaskDialog(props: {
  /** The open dialog: its task (null: a new one), errors, conflict. */
  state: EditState<Task>;
  people: Person[];
  onSubmit: (values: TaskFormValues) => void;
  onClose: () => void;
  onInput?: () => void;
  onLoadLatest: () => void;
  onDelete?: () => void;
}) {
  const t = props.state.record;
  const { field, error } = fieldErrors(
    "task",
    props.state.errors,
    Object.keys(TASK_FORM_LABELS),
  );
  return (
    <EditDialog
      prefix="task"
      title={t ? "Edit task" : "New task"}
      what="task"
      labels={TASK_FORM_LABELS}
      status={props.state}
      submitLabel="Save"
      onSubmit={(form) => props.onSubmit(values(form))}
      onClose={props.onClose}
      onInput={props.onInput}
      onLoadLatest={props.onLoadLatest}
      onDelete={props.onDelete}
    >
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
    </EditDialog>
  );
}

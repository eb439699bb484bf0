import { ErrorSummary, fieldErrors } from "@/components/FormFields.tsx";
import { COLUMNS } from "@/lib/tasks/board.ts";
import type { Person, Task } from "@/lib/tasks/shared.ts";
import { PRIORITY_LABELS } from "@/lib/tasks/shared.ts";

/** The form's text values, as posted or as stored. */
export type TaskFormText = Record<
  | "title"
  | "description"
  | "status"
  | "priority"
  | "assigneeId"
  | "department"
  | "dueDate",
  string
>;

/** Field labels, in form order (also the error summary's). */
export const TASK_FORM_LABELS: TaskFormText = {
  title: "Title",
  description: "Description",
  status: "Status",
  priority: "Priority",
  assigneeId: "Assignee",
  department: "Department",
  dueDate: "Due date",
};

/** A stored task as the form's values. */
export function taskFormText(task: Task): TaskFormText {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    assigneeId: task.assigneeId ?? "",
    department: task.department,
    dueDate: task.dueDate ?? "",
  };
}

/**
 * The task page's edit form for browsers without JavaScript (the Edit
 * button's dialog does the same with it): a plain post to the page, with
 * `version` guarding against overwriting someone else's change.
 */
export function TaskEditForm(props: {
  task: Task;
  values: TaskFormText;
  people: Person[];
  errors: Record<string, string>;
  message: string | null;
}) {
  const { values, errors } = props;
  const { field, error } = fieldErrors(
    "edit",
    errors,
    Object.keys(TASK_FORM_LABELS),
  );
  return (
    <form
      method="post"
      class="card task-edit-form"
      aria-labelledby="task-edit-heading"
    >
      <h2 id="task-edit-heading">Edit task</h2>
      <ErrorSummary
        prefix="edit"
        errors={errors}
        labels={TASK_FORM_LABELS}
        message={props.message}
      />
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="version" value={props.task.version} />
      <label class="field">
        <span>Title</span>
        <input
          name="title"
          required
          maxLength={200}
          value={values.title}
          {...field("title")}
        />
        {error("title")}
      </label>
      <label class="field">
        <span>Description</span>
        <textarea
          name="description"
          rows={5}
          maxLength={10_000}
          {...field("description")}
        >
          {values.description}
        </textarea>
        {error("description")}
      </label>
      <div class="form-grid">
        <label class="field">
          <span>Status</span>
          <select name="status" {...field("status")}>
            {COLUMNS.map((c) => (
              <option value={c.status} selected={values.status === c.status}>
                {c.label}
              </option>
            ))}
          </select>
          {error("status")}
        </label>
        <label class="field">
          <span>Priority</span>
          <select name="priority" {...field("priority")}>
            {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
              <option value={value} selected={values.priority === value}>
                {label}
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
              <option value={p.id} selected={values.assigneeId === p.id}>
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
            value={values.department}
            {...field("department")}
          />
          {error("department")}
        </label>
        <label class="field">
          <span>Due date</span>
          <input
            name="dueDate"
            type="date"
            value={values.dueDate}
            {...field("dueDate")}
          />
          {error("dueDate")}
        </label>
      </div>
      <div class="dialog-actions">
        <a class="button button-quiet" href={`/tasks/${props.task.id}`}>
          Cancel
        </a>
        <button type="submit" class="button button-primary">Save</button>
      </div>
    </form>
  );
}

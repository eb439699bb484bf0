import type { fieldErrors } from "@/components/FormFields.tsx";
import { COLUMNS } from "@/lib/tasks/board.ts";
import { type Person, PRIORITY_LABELS } from "@/lib/tasks/shared.ts";
import type { TaskFormText } from "./TaskEditForm.tsx";

/** The task form's values for a new task. */
export const NEW_TASK_TEXT: TaskFormText = {
  title: "",
  description: "",
  status: "todo",
  priority: "medium",
  assigneeId: "",
  department: "",
  dueDate: "",
};

/**
 * The fields of a task, as the board's dialog and the task page's form
 * both show them. Uncontrolled (`defaultValue`): a live update re-renders
 * the page under an open dialog and must not reset what is being typed.
 */
export function TaskFields(props: {
  values: TaskFormText;
  people: Person[];
  /** The production's departments (its settings), in their order. */
  departments: readonly string[];
  /** From `fieldErrors` for the form's prefix. */
  errors: ReturnType<typeof fieldErrors>;
  descriptionRows: number;
  autoFocus?: boolean;
}) {
  const { values } = props;
  const { field, error } = props.errors;
  return (
    <>
      <label class="field">
        <span>Title</span>
        <input
          name="title"
          required
          maxLength={200}
          defaultValue={values.title}
          autoFocus={props.autoFocus}
          {...field("title")}
        />
        {error("title")}
      </label>
      <label class="field">
        <span>Description</span>
        <textarea
          name="description"
          rows={props.descriptionRows}
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
          <select name="department" {...field("department")}>
            <option value="" selected={values.department === ""}>
              No department
            </option>
            {departmentChoices(props.departments, values.department).map((
              d,
            ) => (
              <option value={d} selected={values.department === d}>
                {d}
              </option>
            ))}
          </select>
          {error("department")}
        </label>
        <label class="field">
          <span>Due date</span>
          <input
            name="dueDate"
            type="date"
            defaultValue={values.dueDate}
            {...field("dueDate")}
          />
          {error("dueDate")}
        </label>
      </div>
    </>
  );
}

/**
 * The departments to offer: the production's, and a task's own one when
 * the list no longer has it (a renamed department must not be lost by
 * editing something else).
 */
export function departmentChoices(
  departments: readonly string[],
  current: string,
): string[] {
  return current === "" || departments.includes(current)
    ? [...departments]
    : [...departments, current];
}

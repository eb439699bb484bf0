import { ErrorSummary, fieldErrors } from "@/components/FormFields.tsx";
import type { Person, Task, TaskFormValues } from "@/lib/tasks/shared.ts";
import { useHref } from "@/components/production_path.ts";
import { TaskFields } from "./TaskFields.tsx";

/** The form's text values (the fields it sends), as posted or as stored. */
export type TaskFormText = Record<keyof TaskFormValues, string>;

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
  /** The production's departments. */
  departments: readonly string[];
  errors: Record<string, string>;
  message: string | null;
}) {
  const { values, errors } = props;
  const href = useHref();
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
      <TaskFields
        values={values}
        people={props.people}
        departments={props.departments}
        errors={fieldErrors("edit", errors, Object.keys(TASK_FORM_LABELS))}
        descriptionRows={5}
      />
      <div class="dialog-actions">
        <a class="button button-quiet" href={href(`/tasks/${props.task.id}`)}>
          Cancel
        </a>
        <button type="submit" class="button button-primary">Save</button>
      </div>
    </form>
  );
}

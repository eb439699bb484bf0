import { EditDialog } from "@/components/EditDialog.tsx";
import type { EditState } from "@/components/edit_dialog.ts";
import { fieldErrors, formText } from "@/components/FormFields.tsx";
import type { Person, Task, TaskFormValues } from "@/lib/tasks/shared.ts";
import { TASK_FORM_LABELS, taskFormText } from "./TaskEditForm.tsx";
import { NEW_TASK_TEXT, TaskFields } from "./TaskFields.tsx";

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
  /** The production's departments. */
  departments: readonly string[];
  onSubmit: (values: TaskFormValues) => void;
  onClose: () => void;
  onInput?: () => void;
  onLoadLatest: () => void;
  onDelete?: () => void;
}) {
  const t = props.state.record;
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
      <TaskFields
        values={t ? taskFormText(t) : NEW_TASK_TEXT}
        people={props.people}
        departments={props.departments}
        errors={fieldErrors(
          "task",
          props.state.errors,
          Object.keys(TASK_FORM_LABELS),
        )}
        descriptionRows={4}
        autoFocus
      />
    </EditDialog>
  );
}

import { useSignal } from "@preact/signals";
import { type ApiFailure, send } from "@/components/api.ts";
import { issueErrors } from "@/components/FormFields.tsx";
import {
  type Person,
  TaskDialog,
  type TaskFormValues,
} from "@/components/tasks/TaskDialog.tsx";
import type { Task } from "@/lib/tasks/shared.ts";

interface Editing {
  task: Task;
  errors: Record<string, string>;
  message: string | null;
  conflict: Task | null;
  busy: boolean;
  /** Bumped to re-mount the form with new defaults ("load latest"). */
  generation: number;
}

/**
 * The task page's Edit button. Without JavaScript it is a link to the
 * page's own edit form (`?edit`); with it, it opens the board's edit
 * dialog and, once saved, reloads the page so the details and the history
 * show the change.
 */
export default function TaskEditButton(
  props: { task: Task; people: Person[] },
) {
  const editing = useSignal<Editing | null>(null);
  const open = editing.value;
  const href = `/tasks/${encodeURIComponent(props.task.id)}?edit`;

  async function save(values: TaskFormValues) {
    const current = editing.value;
    if (!current) return;
    editing.value = { ...current, busy: true, message: null, errors: {} };
    try {
      await send(
        "PATCH",
        `/api/tasks/${encodeURIComponent(current.task.id)}`,
        values,
        current.task.version,
      );
      location.assign(`/tasks/${encodeURIComponent(current.task.id)}`);
    } catch (e) {
      const failure = e as ApiFailure;
      const errors = failure.error?.code === "validation"
        ? issueErrors(failure.error.details)
        : {};
      const latest = (failure.error?.details as { current?: Task } | undefined)
        ?.current;
      editing.value = {
        ...current,
        busy: false,
        errors,
        conflict: failure.status === 409 && latest ? latest : current.conflict,
        message: failure.status === 409
          ? null
          : Object.keys(errors).length > 0
          ? "Check the highlighted fields."
          : failure.status === 0
          ? "Could not save: the server could not be reached."
          : failure.error?.message ?? "Could not save the task.",
      };
    }
  }

  return (
    <>
      <a
        class="button button-primary"
        href={href}
        onClick={(e) => {
          e.preventDefault();
          editing.value = {
            task: props.task,
            errors: {},
            message: null,
            conflict: null,
            busy: false,
            generation: 0,
          };
        }}
      >
        Edit
      </a>
      {open && (
        <TaskDialog
          key={open.generation}
          task={open.task}
          people={props.people}
          errors={open.errors}
          message={open.message}
          conflict={open.conflict}
          busy={open.busy}
          onSubmit={save}
          onClose={() => editing.value = null}
          onInput={() => {}}
          onLoadLatest={() => {
            if (!open.conflict) return;
            editing.value = {
              ...open,
              task: open.conflict,
              conflict: null,
              generation: open.generation + 1,
            };
          }}
        />
      )}
    </>
  );
}

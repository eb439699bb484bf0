import { type ApiFailure, send } from "@/components/api.ts";
import { useEditDialog } from "@/components/edit_dialog.ts";
import { saveFailure } from "@/components/tasks/board_rules.ts";
import { TaskDialog } from "@/components/tasks/TaskDialog.tsx";
import type { Person, Task, TaskFormValues } from "@/lib/tasks/shared.ts";
import { useHref } from "@/components/production_path.ts";

/**
 * The task page's Edit button. Without JavaScript it is a link to the
 * page's own edit form (`?edit`); with it, it opens the board's edit
 * dialog and, once saved, reloads the page so the details and the history
 * show the change.
 */
export default function TaskEditButton(
  props: { task: Task; people: Person[]; departments: readonly string[] },
) {
  const editor = useEditDialog<Task>();
  const open = editor.state.value;
  const to = useHref();
  const href = to(`/tasks/${encodeURIComponent(props.task.id)}?edit`);

  async function save(values: TaskFormValues) {
    const task = editor.state.value?.record;
    if (!task) return;
    editor.begin();
    try {
      await send(
        "PATCH",
        `/api/tasks/${encodeURIComponent(task.id)}`,
        values,
        task.version,
      );
      location.assign(to(`/tasks/${encodeURIComponent(task.id)}`));
    } catch (e) {
      const failure = saveFailure(e as ApiFailure);
      editor.fail(
        (e as ApiFailure).status === 0
          ? {
            ...failure,
            message: "Could not save: the server could not be reached.",
          }
          : failure,
      );
    }
  }

  return (
    <>
      <a
        class="button button-primary"
        href={href}
        onClick={(e) => {
          e.preventDefault();
          editor.open(props.task);
        }}
      >
        Edit
      </a>
      {open && (
        <TaskDialog
          key={open.generation}
          state={open}
          people={props.people}
          departments={props.departments}
          onSubmit={save}
          onClose={editor.close}
          onLoadLatest={editor.loadLatest}
        />
      )}
    </>
  );
}

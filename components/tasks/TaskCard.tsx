import type { Task } from "../../lib/tasks/schemas.ts";

/** Labels for priorities. */
export const PRIORITY_LABELS: Record<Task["priority"], string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
};

const DUE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
});

/** What a card shows besides the task. */
export interface CardState {
  assigneeName: string | null;
  grabbed: boolean;
  flash: boolean;
  typingName: string | null;
  draggable: boolean;
}

/** A task card on the board (server render and island alike). */
export function TaskCard(
  { task, state, ...handlers }: {
    task: Task;
    state: CardState;
    onKeyDown?: (e: KeyboardEvent) => void;
    onDragStart?: (e: DragEvent) => void;
    onDragEnd?: () => void;
    onOpen?: (e: MouseEvent) => void;
  },
) {
  const classes = [
    "task-card",
    `priority-${task.priority}`,
    state.grabbed ? "is-grabbed" : "",
    state.flash ? "is-flashing" : "",
  ].filter(Boolean).join(" ");
  return (
    <li
      class={classes}
      data-task-id={task.id}
      tabIndex={0}
      draggable={state.draggable}
      aria-roledescription="task card"
      aria-describedby="board-help"
      aria-pressed={state.grabbed ? true : undefined}
      onKeyDown={handlers.onKeyDown}
      onDragStart={handlers.onDragStart}
      onDragEnd={handlers.onDragEnd}
    >
      <a
        class="task-title"
        href={`/tasks/${task.id}`}
        onClick={handlers.onOpen}
      >
        {task.title}
      </a>
      <div class="task-meta">
        <span class={`badge badge-${task.priority}`}>
          {PRIORITY_LABELS[task.priority]}
        </span>
        {task.department && <span class="muted">{task.department}</span>}
        {task.dueDate && (
          <span class="muted">
            Due{" "}
            <time dateTime={task.dueDate}>
              {DUE.format(new Date(task.dueDate))}
            </time>
          </span>
        )}
      </div>
      <div class="task-assignee muted">
        {state.assigneeName ?? "Unassigned"}
      </div>
      {state.typingName && (
        <div class="task-typing" role="status">
          {state.typingName} is editing…
        </div>
      )}
    </li>
  );
}

import { FlaggedBadge } from "@/components/ripple/FlaggedBadge.tsx";
import { dueOf } from "@/lib/tasks/board.ts";
import type { Task } from "@/lib/tasks/shared.ts";
import { PRIORITY_LABELS } from "@/lib/tasks/shared.ts";
import { useHref } from "@/components/production_path.ts";
import { SeenBadge } from "@/components/SeenBadge.tsx";

/** What a card shows besides the task. */
export interface CardState {
  assigneeName: string | null;
  /** False where every card is the viewer's own ("My tasks"). */
  showAssignee: boolean;
  grabbed: boolean;
  flash: boolean;
  typingName: string | null;
  draggable: boolean;
  /** A script change touched a scene the task is about (lib/ripple). */
  flagged?: boolean;
  /** New or changed since the viewer last looked at the board (lib/last_seen). */
  seen?: "new" | "changed";
}

/**
 * "Due 20 Nov", or "Overdue · 20 Nov" in its own style: the word, not the
 * colour, says it (screen readers hear "Overdue, was due 20 Nov").
 */
export function DueDate(
  { task, timeZone }: { task: Task; timeZone: string },
) {
  const due = dueOf(task, timeZone);
  if (due === null) return null;
  const date = <time dateTime={task.dueDate!}>{due.date}</time>;
  return due.overdue
    ? (
      <span class="due is-overdue">
        Overdue <span aria-hidden="true">·</span>
        <span class="visually-hidden">, was due</span> {date}
      </span>
    )
    : <span class="due muted">Due {date}</span>;
}

/** A task card on the board (server render and island alike). */
export function TaskCard(
  { task, state, timeZone, ...handlers }: {
    task: Task;
    state: CardState;
    /** The production's zone: it decides what "overdue" means today. */
    timeZone: string;
    onKeyDown?: (e: KeyboardEvent) => void;
    onFocus?: (e: FocusEvent) => void;
    onDragStart?: (e: DragEvent) => void;
    onDragEnd?: () => void;
    onOpen?: (e: MouseEvent) => void;
  },
) {
  const href = useHref();
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
      onKeyDown={handlers.onKeyDown}
      onFocus={handlers.onFocus}
      onDragStart={handlers.onDragStart}
      onDragEnd={handlers.onDragEnd}
    >
      {state.grabbed && <span class="grab-label">Moving</span>}
      <a
        class="task-title"
        href={href(`/tasks/${task.id}`)}
        onClick={handlers.onOpen}
      >
        {task.title}
      </a>
      <div class="task-meta">
        <SeenBadge seen={state.seen} />
        <span class={`badge badge-${task.priority}`}>
          {PRIORITY_LABELS[task.priority]}
        </span>
        {task.department && <span class="muted">{task.department}</span>}
        <DueDate task={task} timeZone={timeZone} />
        {state.flagged && <FlaggedBadge />}
      </div>
      {state.showAssignee && (
        <div class="task-assignee muted">
          {state.assigneeName ?? "Unassigned"}
        </div>
      )}
      {state.typingName && (
        <div class="task-typing" role="status">
          {state.typingName} is editing…
        </div>
      )}
    </li>
  );
}

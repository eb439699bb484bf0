import { useModel } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useLayoutEffect } from "preact/hooks";
import { useEditDialog } from "@/components/edit_dialog.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { useFlaggedIds } from "@/components/ripple/use_flagged_ids.ts";
import { browserWorld } from "@/components/world.ts";
import { BoardColumn } from "@/components/tasks/BoardColumn.tsx";
import { TaskBoardModel } from "@/components/tasks/board_model.ts";
import { BoardToolbar } from "@/components/tasks/BoardToolbar.tsx";
import { TaskCard } from "@/components/tasks/TaskCard.tsx";
import { TaskDialog } from "@/components/tasks/TaskDialog.tsx";
import type { BoardFilters, Viewer } from "@/lib/tasks/board.ts";
import type { Person, Task } from "@/lib/tasks/shared.ts";
import { getRealtimeClient } from "@/realtime/client.ts";

/**
 * Scrolls a card into view in its column, the board and the page, clear
 * of the sticky top bar.
 */
function reveal(card: HTMLElement) {
  card.scrollIntoView({ block: "nearest", inline: "nearest" });
  const bar = document.querySelector(".topbar")?.getBoundingClientRect()
    .bottom ?? 0;
  const top = card.getBoundingClientRect().top;
  if (top < bar) scrollBy({ top: top - bar - 8 });
}

const cardElement = (id: string) =>
  document.querySelector<HTMLElement>(`.task-card[data-task-id="${id}"]`);

/**
 * The card a drop at the pointer lands before (the dragged one left out),
 * or -1: after the last.
 */
function dropIndex(e: DragEvent, dragging: string | null): number {
  const list = e.currentTarget as HTMLElement;
  return [...list.querySelectorAll<HTMLElement>("[data-task-id]")]
    .filter((el) => el.dataset.taskId !== dragging)
    .findIndex((el) => {
      const box = el.getBoundingClientRect();
      return e.clientY < box.top + box.height / 2;
    });
}

/**
 * The live task board: drag and drop with the pointer or the keyboard,
 * optimistic moves with rollback, create/edit dialog, and other people's
 * changes applied as they happen. The state and actions are
 * {@linkcode TaskBoardModel}'s; this renders them and wires the DOM.
 */
export default function TaskBoard(props: {
  initial: Task[];
  people: Person[];
  viewer: Viewer;
  filters: BoardFilters;
  /** The production's time zone (due dates, overdue). */
  timeZone: string;
  /** The production's departments, for the dialog. */
  departments: readonly string[];
  /** Tasks with open script-change flags (lib/ripple). */
  flagged: string[];
  /** Tasks new or changed since the viewer last looked (lib/last_seen). */
  seen?: Record<string, "new" | "changed">;
}) {
  const { viewer, timeZone } = props;
  const flagged = useFlaggedIds("task", props.flagged);
  const editor = useEditDialog<Task>();
  const board = useModel(() =>
    new TaskBoardModel(browserWorld(), { ...props, editor })
  );
  const { dialog } = board;

  useRealtime(
    "task_update",
    (event) => board.applyEvent(event.data),
    () => board.reload(location.search),
  );

  useEffect(() => {
    if (!IS_BROWSER) return;
    return getRealtimeClient().state.subscribe(({ status }) =>
      board.connectionChanged(status)
    );
  }, []);

  // Keep keyboard focus on the card being moved: it re-mounts in another
  // column, and the next key press must still reach it (layout effect:
  // before the browser handles more input). A card to refocus gets focus
  // only if focus was lost with its old element.
  useLayoutEffect(() => {
    const held = board.grabbed.value?.id;
    const back = board.takeRefocus();
    const lost = document.activeElement === null ||
      document.activeElement === document.body;
    const id = held ?? (lost ? back : null);
    const card = id ? cardElement(id) : null;
    if (card && document.activeElement !== card) {
      card.focus({ preventScroll: true });
      reveal(card);
    } else if (card && held) reveal(card);
  });

  function onCardKey(e: KeyboardEvent, task: Task) {
    const card = e.currentTarget as HTMLElement;
    if (
      board.grabbed.value === null && e.key === "Enter" &&
      e.target === card && !e.altKey && !e.ctrlKey && !e.metaKey &&
      !e.shiftKey
    ) {
      // The title link opens the task (the dialog, or its page for crew).
      e.preventDefault();
      card.querySelector<HTMLAnchorElement>(".task-title")?.click();
    } else if (board.cardKey(task, e.key)) e.preventDefault();
  }

  const held = board.grabbed.value?.id;
  const names = dialog.names.value;
  const open = dialog.state.value;

  return (
    <div class="board-wrap">
      <BoardToolbar
        management={viewer.management}
        notice={board.notice.value}
        onNew={() => dialog.open(null)}
        onDismiss={board.dismissNotice}
      />
      <div class="visually-hidden" role="status" aria-live="assertive">
        {board.announcement.value}
      </div>
      <div class="board">
        {board.columns.value.map(({ status, label, cards }) => (
          <BoardColumn
            key={status}
            status={status}
            label={label}
            count={cards.length}
            dropTarget={board.dropAt.value?.status === status}
            onDragOver={(e) => {
              if (!board.dragging.value) return;
              e.preventDefault();
              board.dragOver(status, dropIndex(e, board.dragging.value));
            }}
            onDragLeave={board.dragLeave}
            onDrop={(e) => {
              e.preventDefault();
              board.drop(status, dropIndex(e, board.dragging.value));
            }}
          >
            {cards.map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                timeZone={timeZone}
                state={{
                  assigneeName: task.assigneeId === null
                    ? null
                    : names.get(task.assigneeId) ?? "Someone",
                  // "My tasks" are all the viewer's: no name to repeat.
                  showAssignee: viewer.management,
                  grabbed: held === task.id,
                  flash: board.flashing.value.has(task.id),
                  typingName: dialog.editing.value[task.id]?.name ?? null,
                  draggable: IS_BROWSER && board.canMove(task),
                  flagged: flagged.value.has(task.id),
                  seen: props.seen?.[task.id],
                }}
                onKeyDown={(e) => onCardKey(e, task)}
                onFocus={(e) => {
                  const card = e.currentTarget as HTMLElement;
                  if (card.matches(":focus-visible")) reveal(card);
                }}
                onDragStart={(e) => {
                  board.dragStart(task.id);
                  e.dataTransfer?.setData("text/plain", task.id);
                }}
                onDragEnd={board.dragEnd}
                onOpen={viewer.management
                  ? (e) => {
                    e.preventDefault();
                    dialog.open(task);
                  }
                  : undefined}
              />
            ))}
          </BoardColumn>
        ))}
      </div>
      {open && (
        <TaskDialog
          key={`${open.record?.id ?? "new"}-${open.generation}`}
          state={open}
          people={dialog.people.value}
          departments={props.departments}
          onSubmit={dialog.save}
          onClose={dialog.close}
          onInput={dialog.edited}
          onLoadLatest={dialog.loadLatest}
          onDelete={open.record && viewer.management
            ? () => {
              if (confirm(`Delete "${open.record!.title}"?`)) dialog.remove();
            }
            : undefined}
        />
      )}
    </div>
  );
}

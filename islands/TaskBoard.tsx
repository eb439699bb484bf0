import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { TaskCard } from "@/components/tasks/TaskCard.tsx";
import {
  type Person,
  TaskDialog,
  type TaskFormValues,
} from "@/components/tasks/TaskDialog.tsx";
import {
  applyTaskEvent,
  type BoardFilters,
  column,
  COLUMNS,
  moveLocally,
  type Status,
  type Viewer,
} from "@/lib/tasks/board.ts";
import type { Task } from "@/lib/tasks/schemas.ts";
import { getRealtimeClient } from "@/realtime/client.ts";
import { type ApiFailure, failureText, send } from "@/components/api.ts";
import { useFlash } from "@/components/use_flash.ts";
import { useRealtime } from "@/components/use_realtime.ts";

interface DialogState {
  task: Task | null;
  errors: Record<string, string>;
  message: string | null;
  conflict: Task | null;
  busy: boolean;
  /** Bumped to re-mount the form with new defaults ("load latest"). */
  generation: number;
}

/** A message about a move; a network failure clears once we are back. */
interface Notice {
  text: string;
  network: boolean;
}

const FLASH_MS = 1_500;
const TYPING_SHOWN_MS = 5_000;

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
 * The live task board: drag and drop with the pointer or the keyboard,
 * optimistic moves with rollback, create/edit dialog, and other people's
 * changes applied as they happen.
 */
export default function TaskBoard(props: {
  initial: Task[];
  people: Person[];
  viewer: Viewer;
  filters: BoardFilters;
  /** The production's time zone (due dates, overdue). */
  timeZone: string;
}) {
  const tasks = useSignal(props.initial);
  const people = useSignal(props.people);
  const notice = useSignal<Notice | null>(null);
  const announcement = useSignal("");
  const grabbed = useSignal<
    { id: string; status: Status; index: number } | null
  >(null);
  const dragging = useSignal<string | null>(null);
  const dropAt = useSignal<{ status: Status; index: number } | null>(null);
  const { flashing, flash } = useFlash(FLASH_MS);
  const typing = useSignal<Record<string, { name: string; until: number }>>({});
  const dialog = useSignal<DialogState | null>(null);
  const lastTyping = useRef(0);
  // A card whose element is replaced (a cancelled or failed move, a closed
  // dialog) gets keyboard focus back instead of leaving it on the page.
  const refocus = useRef<string | null>(null);
  const { viewer, filters, timeZone } = props;
  const nameOf = (id: string | null) =>
    id === null
      ? null
      : people.value.find((p) => p.id === id)?.name ?? "Someone";

  const upsert = (task: Task) => {
    tasks.value = applyTaskEvent(
      tasks.value,
      { action: "updated", task },
      viewer,
      filters,
    );
  };

  useRealtime("task_update", (event) => {
    tasks.value = applyTaskEvent(tasks.value, event.data, viewer, filters);
    flash(event.data.task.id);
    const open = dialog.value;
    if (
      open?.task && open.task.id === event.data.task.id && !open.busy &&
      event.data.task.version > open.task.version
    ) {
      dialog.value = { ...open, conflict: event.data.task };
    }
  }, async () => {
    tasks.value = await send("GET", `/api/tasks${location.search}`);
  });

  useEffect(() => {
    if (!IS_BROWSER) return;
    const client = getRealtimeClient();
    const offTyping = client.onTyping((notice) => {
      if (!notice.target.startsWith("task:")) return;
      const id = notice.target.slice(5);
      const next = { ...typing.value };
      if (notice.active) {
        next[id] = { name: notice.name, until: Date.now() + TYPING_SHOWN_MS };
      } else delete next[id];
      typing.value = next;
      setTimeout(() => {
        if ((typing.value[id]?.until ?? Infinity) <= Date.now()) {
          const rest = { ...typing.value };
          delete rest[id];
          typing.value = rest;
        }
      }, TYPING_SHOWN_MS + 50);
    });
    // "Could not move: the server could not be reached" is stale once the
    // connection is back; other refusals stay until dismissed.
    let was = client.state.peek().status;
    const offState = client.state.subscribe(({ status }) => {
      if (status === "online" && was !== "online" && notice.peek()?.network) {
        notice.value = null;
      }
      was = status;
    });
    return () => {
      offTyping();
      offState();
    };
  }, []);

  // Keep keyboard focus on the card being moved: it re-mounts in another
  // column, and the next key press must still reach it (layout effect:
  // before the browser handles more input). A card to refocus gets focus
  // only if focus was lost with its old element.
  useLayoutEffect(() => {
    const held = grabbed.value?.id;
    const back = refocus.current;
    refocus.current = null;
    const lost = document.activeElement === null ||
      document.activeElement === document.body;
    const id = held ?? (lost ? back : null);
    const card = id ? cardElement(id) : null;
    if (card && document.activeElement !== card) {
      card.focus({ preventScroll: true });
      reveal(card);
    } else if (card && held) reveal(card);
  });

  const canMove = (task: Task) =>
    viewer.management || task.assigneeId === viewer.id;

  async function move(
    id: string,
    status: Status,
    index: number,
    byKeyboard = false,
  ) {
    const previous = tasks.value.find((t) => t.id === id);
    if (!previous) return;
    const { tasks: next, rank } = moveLocally(tasks.value, id, status, index);
    tasks.value = next;
    const label = COLUMNS.find((c) => c.status === status)!.label;
    announcement.value = `Moved ${previous.title} to ${label}, position ${
      index + 1
    }.`;
    try {
      upsert(
        await send(
          "PATCH",
          `/api/tasks/${id}`,
          { status, rank },
          previous.version,
        ),
      );
      notice.value = null;
    } catch (e) {
      const failure = e as ApiFailure;
      const current = (failure.error?.details as { current?: Task } | undefined)
        ?.current;
      // Roll this card back (to the server's version when it sent one),
      // leaving everyone else's live changes in place.
      tasks.value = tasks.value.map((t) =>
        t.id === id ? current ?? previous : t
      );
      if (byKeyboard) refocus.current = id;
      notice.value = {
        network: failure.status === 0,
        text: failure.status === 409
          ? `Someone else changed "${previous.title}" first; the board shows their version.`
          : failure.status === 403
          ? `You may not move "${previous.title}".`
          : failureText(failure, `Could not move "${previous.title}"`),
      };
      announcement.value = notice.value.text;
    }
  }

  function onCardKey(e: KeyboardEvent, task: Task) {
    const g = grabbed.value;
    if (g === null) {
      const card = e.currentTarget as HTMLElement;
      if (
        e.key === "Enter" && e.target === card && !e.altKey && !e.ctrlKey &&
        !e.metaKey && !e.shiftKey
      ) {
        // The title link opens the task (the dialog, or its page for crew).
        e.preventDefault();
        card.querySelector<HTMLAnchorElement>(".task-title")?.click();
      } else if (e.key === " " && canMove(task)) {
        e.preventDefault();
        const index = column(tasks.value, task.status).findIndex((t) =>
          t.id === task.id
        );
        grabbed.value = { id: task.id, status: task.status, index };
        announcement.value =
          `Picked up ${task.title}. Arrow keys move it, Space drops it, Escape cancels.`;
      }
      return;
    }
    if (g.id !== task.id) return;
    const col = COLUMNS.findIndex((c) => c.status === g.status);
    let next = g;
    if (e.key === "ArrowLeft" && col > 0) {
      next = { ...g, status: COLUMNS[col - 1].status, index: 0 };
    } else if (e.key === "ArrowRight" && col < COLUMNS.length - 1) {
      next = { ...g, status: COLUMNS[col + 1].status, index: 0 };
    } else if (e.key === "ArrowUp") {
      next = { ...g, index: Math.max(0, g.index - 1) };
    } else if (e.key === "ArrowDown") {
      const size = column(tasks.value, g.status).filter((t) =>
        t.id !== g.id
      ).length;
      next = { ...g, index: Math.min(size, g.index + 1) };
    } else if (e.key === " " || e.key === "Enter") {
      e.preventDefault();
      grabbed.value = null;
      refocus.current = g.id;
      move(g.id, g.status, g.index, true);
      return;
    } else if (e.key === "Escape") {
      e.preventDefault();
      grabbed.value = null;
      refocus.current = g.id;
      announcement.value = `Move of ${task.title} cancelled.`;
      return;
    } else return;
    e.preventDefault();
    grabbed.value = next;
    const label = COLUMNS.find((c) => c.status === next.status)!.label;
    announcement.value = `${label}, position ${next.index + 1}.`;
  }

  function dropIndex(e: DragEvent, status: Status): number {
    const list = e.currentTarget as HTMLElement;
    const cards = [...list.querySelectorAll<HTMLElement>("[data-task-id]")]
      .filter((el) => el.dataset.taskId !== dragging.value);
    const index = cards.findIndex((el) => {
      const box = el.getBoundingClientRect();
      return e.clientY < box.top + box.height / 2;
    });
    return index === -1
      ? column(tasks.value, status).filter((t) => t.id !== dragging.value)
        .length
      : index;
  }

  async function openDialog(task: Task | null) {
    dialog.value = {
      task,
      errors: {},
      message: null,
      conflict: null,
      busy: false,
      generation: 0,
    };
    if (viewer.management) {
      try {
        const list: { id: string; name: string; active?: boolean }[] =
          await send("GET", "/api/users");
        people.value = list.filter((u) => u.active !== false).map((
          { id, name },
        ) => ({ id, name }));
      } catch {
        // Keep the people the page was rendered with.
      }
    }
  }

  async function save(values: TaskFormValues) {
    const open = dialog.value;
    if (!open) return;
    dialog.value = { ...open, busy: true, message: null, errors: {} };
    try {
      const saved: Task = open.task
        ? await send(
          "PATCH",
          `/api/tasks/${open.task.id}`,
          values,
          open.task.version,
        )
        : await send("POST", "/api/tasks", values);
      upsert(saved);
      flash(saved.id);
      refocus.current = saved.id;
      dialog.value = null;
      if (open.task) getRealtimeClient().typing(`task:${open.task.id}`, false);
    } catch (e) {
      const failure = e as ApiFailure;
      const errors: Record<string, string> = {};
      if (
        failure.error?.code === "validation" &&
        Array.isArray(failure.error.details)
      ) {
        for (
          const issue of failure.error.details as {
            path: (string | number)[];
            message: string;
          }[]
        ) {
          errors[String(issue.path[0] ?? "form")] ??= issue.message;
        }
      }
      const current = (failure.error?.details as { current?: Task } | undefined)
        ?.current;
      dialog.value = {
        ...open,
        busy: false,
        errors,
        conflict: failure.status === 409 && current ? current : open.conflict,
        message: failure.status === 409
          ? null
          : Object.keys(errors).length > 0
          ? "Check the highlighted fields."
          : failure.error?.message ?? "Could not save the task.",
      };
    }
  }

  async function remove() {
    const open = dialog.value;
    if (!open?.task || !confirm(`Delete "${open.task.title}"?`)) return;
    try {
      await send(
        "DELETE",
        `/api/tasks/${open.task.id}`,
        undefined,
        open.task.version,
      );
      tasks.value = tasks.value.filter((t) => t.id !== open.task!.id);
      dialog.value = null;
    } catch (e) {
      dialog.value = {
        ...open,
        message: (e as ApiFailure).error?.message ?? "Could not delete.",
      };
    }
  }

  // While a card is held by the keyboard, show it where it would land.
  const g = grabbed.value;
  const shown = g
    ? moveLocally(tasks.value, g.id, g.status, g.index).tasks
    : tasks.value;
  const open = dialog.value;

  return (
    <div class="board-wrap">
      <div class="board-toolbar">
        {viewer.management && (
          <button
            type="button"
            class="button button-primary"
            onClick={() => openDialog(null)}
          >
            New task
          </button>
        )}
        {notice.value && (
          <div class="board-notice-row">
            <p class="form-error board-notice" role="alert">
              {notice.value.text}
            </p>
            <button
              type="button"
              class="button button-quiet"
              onClick={() => notice.value = null}
            >
              Dismiss
            </button>
          </div>
        )}
        {
          /* Shown while a card has keyboard focus (CSS); screen readers get
            it as every card's description. */
        }
        <p id="board-help" class="board-help">
          <kbd>Space</kbd> picks up a card, <kbd>arrow keys</kbd> move it,{" "}
          <kbd>Space</kbd> drops it, <kbd>Escape</kbd> cancels. <kbd>Enter</kbd>
          {" "}
          opens it.
        </p>
      </div>
      <div class="visually-hidden" role="status" aria-live="assertive">
        {announcement.value}
      </div>
      <div class="board">
        {COLUMNS.map(({ status, label }) => {
          const cards = column(shown, status);
          return (
            <section
              class="board-column"
              key={status}
              aria-labelledby={`col-${status}`}
            >
              <h2 id={`col-${status}`} class="column-title">
                {label} <span class="count">{cards.length}</span>
              </h2>
              <ol
                class={`column-cards${
                  dropAt.value?.status === status ? " is-drop-target" : ""
                }`}
                data-status={status}
                onDragOver={(e) => {
                  if (!dragging.value) return;
                  e.preventDefault();
                  dropAt.value = { status, index: dropIndex(e, status) };
                }}
                onDragLeave={() => dropAt.value = null}
                onDrop={(e) => {
                  e.preventDefault();
                  const id = dragging.value;
                  const index = dropIndex(e, status);
                  dragging.value = null;
                  dropAt.value = null;
                  if (id) move(id, status, index);
                }}
              >
                {cards.length === 0 && (
                  <li class="column-empty muted">No tasks</li>
                )}
                {cards.map((task) => (
                  <TaskCard
                    key={task.id}
                    task={task}
                    timeZone={timeZone}
                    state={{
                      assigneeName: nameOf(task.assigneeId),
                      // "My tasks" are all the viewer's: no name to repeat.
                      showAssignee: viewer.management,
                      grabbed: g?.id === task.id,
                      flash: flashing.value.has(task.id),
                      typingName: typing.value[task.id]?.name ?? null,
                      draggable: IS_BROWSER && canMove(task),
                    }}
                    onKeyDown={(e) => onCardKey(e, task)}
                    onFocus={(e) => {
                      const card = e.currentTarget as HTMLElement;
                      if (card.matches(":focus-visible")) reveal(card);
                    }}
                    onDragStart={(e) => {
                      dragging.value = task.id;
                      e.dataTransfer?.setData("text/plain", task.id);
                    }}
                    onDragEnd={() => {
                      dragging.value = null;
                      dropAt.value = null;
                    }}
                    onOpen={viewer.management
                      ? (e) => {
                        e.preventDefault();
                        openDialog(task);
                      }
                      : undefined}
                  />
                ))}
              </ol>
            </section>
          );
        })}
      </div>
      {open && (
        <TaskDialog
          key={`${open.task?.id ?? "new"}-${open.generation}`}
          task={open.task}
          people={people.value}
          errors={open.errors}
          message={open.message}
          conflict={open.conflict}
          busy={open.busy}
          onSubmit={save}
          onClose={() => {
            if (open.task) {
              getRealtimeClient().typing(`task:${open.task.id}`, false);
              refocus.current = open.task.id;
            }
            dialog.value = null;
          }}
          onInput={() => {
            if (!open.task || Date.now() - lastTyping.current < 2_000) {
              return;
            }
            lastTyping.current = Date.now();
            getRealtimeClient().typing(`task:${open.task.id}`, true);
          }}
          onLoadLatest={() => {
            const latest = open.conflict;
            if (!latest) return;
            dialog.value = {
              ...open,
              task: latest,
              conflict: null,
              generation: open.generation + 1,
            };
          }}
          onDelete={open.task && viewer.management ? remove : undefined}
        />
      )}
    </div>
  );
}

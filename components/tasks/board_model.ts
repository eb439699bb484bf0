/**
 * The task board apart from the DOM: the tasks it shows, the card held by
 * the keyboard or dragged, moves with an optimistic update and rollback,
 * live events and the connection's effect on a move's notice. The
 * create/edit dialog is its `dialog` (task_dialog_model.ts).
 * The world (API, typing notices, clock) is injected:
 * `islands/TaskBoard.tsx` passes the browser's, tests a fake one.
 *
 * @example
 * ```ts
 * const board = new TaskBoardModel(world, { initial, people, viewer, filters });
 * await board.move("t1", "review", 0); // shown at once, rolled back on failure
 * ```
 *
 * @module
 */
import {
  computed,
  createModel,
  type ReadonlySignal,
  signal,
} from "@preact/signals";
import type { ApiFailure } from "@/components/api.ts";
import { modelFlash, type World } from "@/components/world.ts";
import {
  applyTaskEvent,
  type BoardFilters,
  column,
  COLUMNS,
  moveLocally,
  type Status,
} from "@/lib/tasks/board.ts";
import {
  STATUS_LABELS,
  type Task,
  type TaskUpdateData,
} from "@/lib/tasks/shared.ts";
import type { ConnectionState } from "@/realtime/client.ts";
import {
  type Grab,
  heldStep,
  moveFailure,
  type Notice,
} from "./board_rules.ts";
import {
  TaskDialogModel,
  type TaskDialogOptions,
} from "./task_dialog_model.ts";

/** How long a changed card is highlighted. */
export const FLASH_MS = 1_500;

/** What the board starts from and what it may touch. */
export interface BoardOptions
  extends Omit<TaskDialogOptions, "saved" | "deleted" | "closed"> {
  initial: Task[];
  filters: BoardFilters;
}

/** A column as the board shows it. */
export interface ColumnView {
  status: Status;
  label: string;
  cards: Task[];
}

/** The task board's state, derived values and actions. */
export const TaskBoardModel = createModel(
  (world: World, options: BoardOptions) => {
    const { send } = world;
    const { viewer, filters } = options;
    const tasks = signal(options.initial);
    const notice = signal<Notice | null>(null);
    const announcement = signal("");
    const grabbed = signal<Grab | null>(null);
    const dragging = signal<string | null>(null);
    const dropAt = signal<{ status: Status; index: number } | null>(null);
    const flash = modelFlash(world, FLASH_MS);
    let connection: ConnectionState["status"] | null = null;
    // A card whose element is replaced (a cancelled or failed move, a closed
    // dialog) gets keyboard focus back instead of leaving it on the page.
    let refocus: string | null = null;

    const shown = computed(() => {
      const g = grabbed.value;
      return g
        ? moveLocally(tasks.value, g.id, g.status, g.index).tasks
        : tasks.value;
    });
    const columns = computed((): ColumnView[] =>
      COLUMNS.map(({ status, label }) => ({
        status,
        label,
        cards: column(shown.value, status),
      }))
    );

    const upsert = (task: Task) => {
      tasks.value = applyTaskEvent(
        tasks.value,
        { action: "updated", task },
        viewer,
        filters,
      );
    };
    const canMove = (task: Task) =>
      viewer.management || task.assigneeId === viewer.id;
    /** Where a drop at `index` lands; -1: after the last card. */
    const slot = (status: Status, index: number) =>
      index !== -1
        ? index
        : column(tasks.value, status).filter((t) => t.id !== dragging.value)
          .length;

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
      announcement.value = `Moved ${previous.title} to ${
        STATUS_LABELS[status]
      }, position ${index + 1}.`;
      try {
        upsert(
          await send<Task>(
            "PATCH",
            `/api/tasks/${id}`,
            { status, rank },
            previous.version,
          ),
        );
        notice.value = null;
      } catch (e) {
        const failure = moveFailure(e as ApiFailure, previous);
        // Roll this card back (to the server's version when it sent one),
        // leaving everyone else's live changes in place.
        tasks.value = tasks.value.map((t) => t.id === id ? failure.task : t);
        if (byKeyboard) refocus = id;
        notice.value = failure.notice;
        announcement.value = failure.notice.text;
      }
    }

    const dialog = new TaskDialogModel(world, {
      ...options,
      saved(task) {
        upsert(task);
        flash.flash(task.id);
        refocus = task.id;
      },
      deleted(id) {
        tasks.value = tasks.value.filter((t) => t.id !== id);
      },
      closed(id) {
        refocus = id;
      },
    });

    return {
      tasks: tasks as ReadonlySignal<Task[]>,
      /** A move's failure, until dismissed or a later move succeeds. */
      notice: notice as ReadonlySignal<Notice | null>,
      /** What the live region says (moves, pick-ups). */
      announcement: announcement as ReadonlySignal<string>,
      grabbed: grabbed as ReadonlySignal<Grab | null>,
      dragging: dragging as ReadonlySignal<string | null>,
      dropAt: dropAt as ReadonlySignal<
        { status: Status; index: number } | null
      >,
      flashing: flash.flashing,
      /** The columns, a card held by the keyboard shown where it would land. */
      columns,
      /** The create/edit dialog and who is editing what. */
      dialog,
      canMove,
      move,

      /** Applies a `task_update`: highlighted, and a conflict for the open dialog. */
      applyEvent(data: Pick<TaskUpdateData, "action" | "task">) {
        tasks.value = applyTaskEvent(tasks.value, data, viewer, filters);
        flash.flash(data.task.id);
        dialog.newer(data.task);
      },
      /** Reloads every task (a resync), with the page's query `search`. */
      async reload(search: string) {
        tasks.value = await send<Task[]>("GET", `/api/tasks${search}`);
      },
      /**
       * The connection's status: "the server could not be reached" is stale
       * once it is back online; other refusals stay until dismissed.
       */
      connectionChanged(status: ConnectionState["status"]) {
        if (
          status === "online" && connection !== null &&
          connection !== "online" && notice.value?.network
        ) {
          notice.value = null;
        }
        connection = status;
      },
      dismissNotice() {
        notice.value = null;
      },
      /**
       * A key pressed on `task`'s card: Space picks up and drops, arrows
       * move the held card, Escape cancels. True when the board used it.
       */
      cardKey(task: Task, key: string): boolean {
        const g = grabbed.value;
        if (g === null) {
          if (key !== " " || !canMove(task)) return false;
          const index = column(tasks.value, task.status)
            .findIndex((t) => t.id === task.id);
          grabbed.value = { id: task.id, status: task.status, index };
          announcement.value =
            `Picked up ${task.title}. Arrow keys move it, Space drops it, Escape cancels.`;
          return true;
        }
        if (g.id !== task.id) return false;
        if (key === " " || key === "Enter" || key === "Escape") {
          grabbed.value = null;
          refocus = g.id;
          if (key === "Escape") {
            announcement.value = `Move of ${task.title} cancelled.`;
          } else void move(g.id, g.status, g.index, true);
          return true;
        }
        const next = heldStep(g, key, tasks.value);
        if (next === null) return false;
        grabbed.value = next;
        announcement.value = `${STATUS_LABELS[next.status]}, position ${
          next.index + 1
        }.`;
        return true;
      },
      dragStart(id: string) {
        dragging.value = id;
      },
      /** A dragged card is over `status` at card `index` (-1: the end). */
      dragOver(status: Status, index: number) {
        dropAt.value = { status, index: slot(status, index) };
      },
      dragLeave() {
        dropAt.value = null;
      },
      dragEnd() {
        dragging.value = null;
        dropAt.value = null;
      },
      /** The dragged card dropped on `status` at card `index` (-1: the end). */
      drop(status: Status, index: number) {
        const id = dragging.value;
        const at = slot(status, index);
        dragging.value = null;
        dropAt.value = null;
        if (id) void move(id, status, at);
      },
      /** The card to give keyboard focus back to after this render, once. */
      takeRefocus(): string | null {
        const id = refocus;
        refocus = null;
        return id;
      },
    };
  },
);

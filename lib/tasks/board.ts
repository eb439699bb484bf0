/**
 * Board logic shared by the server render and the TaskBoard island: which
 * tasks show, in which column and order, and how a move or a live event
 * changes that. Pure functions, no zod, no server imports.
 *
 * @module
 */
import { type DateInput, formatShortDate, isPastDate } from "@/lib/format.ts";
import { byRank, rankBetween } from "./rank.ts";
import {
  STATUS_LABELS,
  type Task,
  TASK_STATUSES,
  type TaskStatus,
  type TaskUpdateData,
} from "./shared.ts";

/** Board columns, in order, with their labels (from shared.ts). */
export const COLUMNS: readonly { status: TaskStatus; label: string }[] =
  TASK_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status] }));

/** A column's status. */
export type Status = TaskStatus;

/** URL filters of the board. */
export interface BoardFilters {
  assignee?: string;
  status?: string;
  priority?: string;
  dueBefore?: string;
}

/** Who is looking: management sees every task, others their own. */
export interface Viewer {
  id: string;
  management: boolean;
}

/** Whether `task` belongs on this viewer's board under `filters`. */
export function visible(
  task: Task,
  viewer: Viewer,
  filters: BoardFilters,
): boolean {
  if (!viewer.management && task.assigneeId !== viewer.id) return false;
  if (filters.assignee && task.assigneeId !== filters.assignee) return false;
  if (filters.status && task.status !== filters.status) return false;
  if (filters.priority && task.priority !== filters.priority) return false;
  if (
    filters.dueBefore &&
    (task.dueDate === null || task.dueDate >= filters.dueBefore)
  ) {
    return false;
  }
  return true;
}

/** The tasks of one column, in rank order. */
export function column(tasks: Task[], status: Status): Task[] {
  return tasks.filter((t) => t.status === status).sort(byRank);
}

/**
 * Applies a `task_update` to the board: upsert or remove, so the board
 * shows the server's truth. Events older than the held version are ignored.
 */
export function applyTaskEvent(
  tasks: Task[],
  event: Pick<TaskUpdateData, "action" | "task">,
  viewer: Viewer,
  filters: BoardFilters,
): Task[] {
  const rest = tasks.filter((t) => t.id !== event.task.id);
  const held = tasks.find((t) => t.id === event.task.id);
  if (held && held.version > event.task.version) return tasks;
  if (event.action === "deleted" || !visible(event.task, viewer, filters)) {
    return rest;
  }
  return [...rest, event.task];
}

/**
 * The rank that puts a card at `index` in the `status` column (the card
 * itself left out of the count).
 */
export function rankAt(
  tasks: Task[],
  id: string,
  status: Status,
  index: number,
): string {
  const others = column(tasks, status).filter((t) => t.id !== id);
  const clamped = Math.max(0, Math.min(index, others.length));
  const before = clamped > 0 ? others[clamped - 1].rank : null;
  const after = clamped < others.length ? others[clamped].rank : null;
  // Equal neighbours (concurrent inserts) leave no room between: go after.
  if (before !== null && after !== null && before >= after) {
    return rankBetween(before, null);
  }
  return rankBetween(before, after);
}

/** Moves a card locally (the optimistic half of a move). */
export function moveLocally(
  tasks: Task[],
  id: string,
  status: Status,
  index: number,
): { tasks: Task[]; rank: string } {
  const rank = rankAt(tasks, id, status, index);
  return {
    rank,
    tasks: tasks.map((t) => t.id === id ? { ...t, status, rank } : t),
  };
}

/** A card's due date as the board shows it. */
export interface Due {
  /** "20 Nov", or "20 Nov 2025" when not in the current year. */
  date: string;
  /** Its day has passed and the task is not done. */
  overdue: boolean;
}

/**
 * The due date of `task` in the production's `timeZone` as of `now`, or
 * null when it has none. A task due today is not overdue yet, and a done
 * task never is.
 */
export function dueOf(
  task: Pick<Task, "dueDate" | "status">,
  timeZone: string,
  now: DateInput = Date.now(),
): Due | null {
  if (task.dueDate === null) return null;
  return {
    date: formatShortDate(task.dueDate, timeZone, now),
    overdue: task.status !== "done" && isPastDate(task.dueDate, timeZone, now),
  };
}

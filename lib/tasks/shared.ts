/**
 * The task board's browser-safe vocabulary: the priorities (`as const`) and
 * THE label table for them, used by the board, the task page, the filters
 * and the history sentences alike.
 *
 * Dependency-free: islands and components import this file into the
 * browser, and schemas.ts builds its zod schemas from it.
 *
 * @module
 */

/** Priorities, lowest first. */
export const TASK_PRIORITIES = ["low", "medium", "high", "urgent"] as const;

/** A task's priority. */
export type TaskPriority = typeof TASK_PRIORITIES[number];

/** Labels for priorities, in {@linkcode TASK_PRIORITIES} order. */
export const PRIORITY_LABELS = {
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
} as const satisfies Record<TaskPriority, string>;

/** Columns of the board (a task's status), in order. */
export const TASK_STATUSES = [
  "todo",
  "in_progress",
  "review",
  "blocked",
  "done",
] as const;

/** A task's status: its column. */
export type TaskStatus = typeof TASK_STATUSES[number];

/** Labels for statuses, in {@linkcode TASK_STATUSES} order. */
export const STATUS_LABELS = {
  todo: "To do",
  in_progress: "In progress",
  review: "Review",
  blocked: "Blocked",
  done: "Done",
} as const satisfies Record<TaskStatus, string>;

/** What happened to a task, as `task_update` events say. */
export const TASK_EVENT_ACTIONS = ["created", "updated", "deleted"] as const;

/** What happened to a task. */
export type TaskEventAction = typeof TASK_EVENT_ACTIONS[number];

/** Title length limit. */
export const MAX_TITLE_LENGTH = 200;
/** Description length limit. */
export const MAX_DESCRIPTION_LENGTH = 10_000;
/** Department name length limit. */
export const MAX_DEPARTMENT_LENGTH = 60;

/** A task as stored and sent (`GET /api/tasks/:id`). */
export interface Task {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  assigneeId: string | null;
  department: string;
  /** `YYYY-MM-DD`, or null for no due date. */
  dueDate: string | null;
  createdBy: string;
  /** Position within the column (see rank.ts). */
  rank: string;
}

/** `task_update` event data (DESIGN §5). */
export interface TaskUpdateData {
  action: TaskEventAction;
  task: Task;
  /** The assignee before an update that changed it. */
  previousAssigneeId?: string | null;
}

/** The fields the create/edit dialog sends (`POST`/`PATCH /api/tasks`). */
export type TaskFormValues = Pick<
  Task,
  | "title"
  | "description"
  | "status"
  | "priority"
  | "assigneeId"
  | "department"
  | "dueDate"
>;

/** A person the assignee picker offers. */
export interface Person {
  id: string;
  name: string;
}

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

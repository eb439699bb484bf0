/**
 * Test helpers: a task as the board sees it, with the fields a test names.
 *
 * @module
 */
import type { Task } from "./shared.ts";

/** A stored-looking task `id` in `status` at `rank`, with `extra` fields. */
export function task(
  id: string,
  status: Task["status"],
  rank: string,
  extra: Partial<Task> = {},
): Task {
  return {
    id,
    version: 1,
    createdAt: "",
    updatedAt: "",
    title: id,
    description: "",
    status,
    priority: "medium",
    assigneeId: null,
    department: "",
    dueDate: null,
    createdBy: "p",
    rank,
    ...extra,
  };
}

/**
 * The inbox items a task's assignment sends (issue #13): the new assignee
 * is told it is theirs, the previous one that it no longer is. Added in
 * the commit of the change by the task service; nobody is told of their
 * own assignment (`notify` drops the actor).
 *
 * @module
 */
import type { NewInboxItem } from "@/lib/inbox/shared.ts";
import type { ServiceActor } from "@/lib/service.ts";
import type { Task } from "./schemas.ts";

/**
 * The items for `task` going from `previous` to its current assignee
 * (none when the assignee did not change).
 */
export function assignmentNotices(
  actor: ServiceActor,
  task: Task,
  previous: string | null,
): NewInboxItem[] {
  if (previous === task.assigneeId) return [];
  const ref = { type: "task" as const, id: task.id };
  const items: NewInboxItem[] = [];
  if (task.assigneeId !== null) {
    items.push({
      userId: task.assigneeId,
      kind: "assigned",
      title: `${actor.name} assigned you “${task.title}”`,
      body: [task.department, task.dueDate ? `due ${task.dueDate}` : ""]
        .filter(Boolean).join(" · "),
      href: `/tasks/${task.id}`,
      ref,
    });
  }
  if (previous !== null) {
    items.push({
      userId: previous,
      kind: "unassigned",
      title: `“${task.title}” is no longer assigned to you`,
      body: `${actor.name} ${
        task.assigneeId === null ? "unassigned it" : "gave it to someone else"
      }`,
      // The board, not the task: it may be out of their sight now.
      href: "/tasks",
      ref,
    });
  }
  return items;
}

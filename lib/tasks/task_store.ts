import type { z } from "zod";
import { ApiError } from "../http/errors.ts";
import { type Actor, audienceFor, can, readScope } from "../policy.ts";
import { diffFields, type HistoryPage, readHistory } from "../store/history.ts";
import { Repository } from "../store/repository.ts";
import { transact, type Transaction } from "../store/transaction.ts";
import { users } from "../team/users.ts";
import { type EventActor, eventActor } from "../event_actor.ts";
import { byRank, rankBetween } from "./rank.ts";
import {
  type NewTaskSchema,
  type Task,
  TASK_STATUSES,
  type TaskPatchSchema,
  type TaskQuerySchema,
  TaskSchema,
} from "./schemas.ts";

/** Tasks, indexed by assignee and by column position. */
export const tasks = new Repository<Task>({
  name: "tasks",
  schema: TaskSchema,
  indexes: [
    {
      name: "assignee",
      key: (t) => t.assigneeId === null ? null : [t.assigneeId],
    },
    { name: "column", key: (t) => [t.status, t.rank] },
  ],
});

/** The fields a task's history reports (not `rank`: order within a column). */
export const TASK_HISTORY_FIELDS = [
  "title",
  "description",
  "status",
  "priority",
  "assigneeId",
  "department",
  "dueDate",
] as const;

/** Whether `actor` may see `task` (DESIGN §3: management all, others own). */
export function canSee(actor: Actor, task: Task): boolean {
  return can(actor, "tasks", "read", { assigneeId: task.assigneeId });
}

/** Board order: column, then rank. */
export function boardOrder(a: Task, b: Task): number {
  const column = TASK_STATUSES.indexOf(a.status) -
    TASK_STATUSES.indexOf(b.status);
  return column !== 0 ? column : byRank(a, b);
}

/** The tasks `actor` may see, filtered, in board order. */
export async function listTasks(
  kv: Deno.Kv,
  actor: Actor,
  query: z.infer<typeof TaskQuerySchema> = {},
): Promise<Task[]> {
  const scope = readScope(actor.role, "tasks");
  let found: Task[];
  if (scope === "all") {
    found = query.assignee
      ? await tasks.findBy(kv, "assignee", query.assignee)
      : await tasks.list(kv);
  } else {
    if (query.assignee && query.assignee !== actor.id) return [];
    found = await tasks.findBy(kv, "assignee", actor.id);
  }
  return found.filter((t) =>
    (query.status === undefined || t.status === query.status) &&
    (query.priority === undefined || t.priority === query.priority) &&
    (query.dueBefore === undefined ||
      (t.dueDate !== null && t.dueDate < query.dueBefore))
  ).sort(boardOrder);
}

/** One task if `actor` may see it, else null (a 404, never a hint). */
export async function getTask(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
): Promise<Task | null> {
  const task = await tasks.get(kv, id);
  return task !== null && canSee(actor, task) ? task : null;
}

async function assertAssignable(tx: Transaction, assigneeId: string | null) {
  if (assigneeId === null) return;
  const user = await users.get(tx, assigneeId);
  if (user === null || !user.active) {
    throw new ApiError(
      400,
      "validation",
      "The assignee is not an active team member",
      [
        { path: ["assigneeId"], message: "Pick an active team member" },
      ],
    );
  }
}

async function endOfColumn(
  tx: Transaction,
  status: Task["status"],
): Promise<string> {
  const last = await tasks.lastBy(tx.kv, "column", status);
  return rankBetween(last?.rank ?? null, null);
}

function taskEvent(
  action: "created" | "updated" | "deleted",
  task: Task,
  by: EventActor,
  previousAssigneeId?: string | null,
  changed?: string[],
) {
  const moved = previousAssigneeId !== undefined &&
    previousAssigneeId !== task.assigneeId;
  return {
    type: "task_update" as const,
    audience: audienceFor("task_update", {
      assigneeId: task.assigneeId,
      previousAssigneeId: moved ? previousAssigneeId : null,
    }),
    data: {
      action,
      task,
      by,
      ...(moved ? { previousAssigneeId } : {}),
      // Which fields an update changed, so the feed can say "moved to
      // Review" rather than "updated".
      ...(changed ? { changed } : {}),
    },
  };
}

/** Creates a task (management); appended to its column unless ranked. */
export async function createTask(
  kv: Deno.Kv,
  actor: Actor,
  input: z.infer<typeof NewTaskSchema>,
): Promise<Task> {
  if (!can(actor, "tasks", "create")) {
    throw new ApiError(403, "forbidden", "Only management creates tasks");
  }
  const { result } = await transact(kv, async (tx) => {
    await assertAssignable(tx, input.assigneeId);
    const task = await tasks.insert(tx, {
      ...input,
      rank: input.rank ?? await endOfColumn(tx, input.status),
      createdBy: actor.id,
    });
    tx.emit(taskEvent("created", task, eventActor(actor)));
    tx.recordChange({
      collection: tasks.name,
      record: task,
      actor,
      action: "created",
      changes: diffFields(null, task, TASK_HISTORY_FIELDS),
    });
    return task;
  });
  return result;
}

/**
 * Changes a task. Management may change anything; an assignee may move
 * their own task (status and position) and nothing else.
 */
export async function updateTask(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  patch: z.infer<typeof TaskPatchSchema>,
  ifVersion?: number,
): Promise<Task> {
  const { result } = await transact(kv, async (tx) => {
    const current = await tasks.get(tx, id);
    if (current === null || !canSee(actor, current)) {
      throw new ApiError(404, "not_found", "No such task");
    }
    const fields = Object.keys(patch);
    const moveOnly = fields.every((f) => f === "status" || f === "rank");
    const allowed = can(actor, "tasks", "edit") ||
      (moveOnly &&
        can(actor, "tasks", "change_status", {
          assigneeId: current.assigneeId,
        }));
    if (!allowed) {
      throw new ApiError(403, "forbidden", "You may only move your own tasks");
    }
    if (
      patch.assigneeId !== undefined && patch.assigneeId !== current.assigneeId
    ) {
      await assertAssignable(tx, patch.assigneeId);
    }
    const status = patch.status ?? current.status;
    const rank = patch.rank ??
      (status !== current.status
        ? await endOfColumn(tx, status)
        : current.rank);
    const { before, after } = await tasks.update(
      tx,
      id,
      () => ({ ...patch, status, rank }),
      { ifVersion },
    );
    const changed = fields.filter((f) =>
      before[f as keyof Task] !== after[f as keyof Task]
    );
    const by = eventActor(actor);
    tx.emit(taskEvent("updated", after, by, before.assigneeId, changed));
    tx.recordChange({
      collection: tasks.name,
      record: after,
      actor,
      action: "updated",
      changes: diffFields(before, after, TASK_HISTORY_FIELDS),
    });
    return after;
  });
  return result;
}

/** Deletes a task (management). */
export async function deleteTask(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  ifVersion?: number,
): Promise<void> {
  await transact(kv, async (tx) => {
    const current = await tasks.get(tx, id);
    if (current === null || !canSee(actor, current)) {
      throw new ApiError(404, "not_found", "No such task");
    }
    if (!can(actor, "tasks", "delete")) {
      throw new ApiError(403, "forbidden", "Only management deletes tasks");
    }
    const removed = await tasks.remove(tx, id, { ifVersion });
    tx.emit(taskEvent("deleted", removed, eventActor(actor)));
  });
}

/**
 * A task's change history, newest first, under the task's own read rule:
 * null (a 404) when `actor` may not see the task or it does not exist.
 */
export async function taskHistory(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  options: { limit?: number; cursor?: string | null } = {},
): Promise<HistoryPage | null> {
  const task = await getTask(kv, actor, id);
  if (task === null) return null;
  return await readHistory(kv, tasks.name, id, options);
}

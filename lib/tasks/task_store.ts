import type { z } from "zod";
import { ApiError } from "@/lib/http/errors.ts";
import { type Actor, audienceFor, can, readScope } from "@/lib/policy.ts";
import {
  diffFields,
  type HistoryPage,
  readHistory,
} from "@/lib/store/history.ts";
import { Repository } from "@/lib/store/repository.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { users } from "@/lib/team/users.ts";
import { type EventActor, eventActor } from "@/lib/event_actor.ts";
import { byRank, rankBetween, roomy, spreadBelow } from "./rank.ts";
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

/** Cards rewritten per commit by a rebalance: nine reads + the log head. */
const REBALANCE_CHUNK = 9;

/**
 * Rewrites a column's ranks short and evenly spread (see `spreadBelow`),
 * top card first, so the column stays in order at every step. Each card's
 * rewrite is a checked update (a card changed meanwhile is re-read) and
 * emits its `task_update`, so every open board re-sorts. Runs when a move
 * or an append would need a rank past `RANK_SOFT_LIMIT`; the card being
 * moved (`exceptId`) is left alone, its move rewrites it (and its version
 * stays the one the mover's `If-Match` names).
 */
export async function rebalanceColumn(
  kv: Deno.Kv,
  status: Task["status"],
  actor: Actor,
  exceptId: string | null = null,
): Promise<void> {
  const column = (await tasks.findBy(kv, "column", status))
    .filter((t) => t.id !== exceptId).sort(byRank);
  const ranks = spreadBelow(column[0]?.rank ?? null, column.length);
  const by = eventActor(actor);
  for (let i = 0; i < column.length; i += REBALANCE_CHUNK) {
    await transact(kv, async (tx) => {
      for (let j = i; j < Math.min(i + REBALANCE_CHUNK, column.length); j++) {
        const current = await tasks.get(tx, column[j].id);
        // Moved to another column or deleted meanwhile: not this column's.
        if (current === null || current.status !== status) continue;
        const { after } = await tasks.update(tx, current.id, () => ({
          rank: ranks[j],
        }));
        tx.emit(taskEvent("updated", after, by, undefined, ["rank"]));
      }
    });
  }
}

/**
 * The rank to store for a card going to `status`: `wanted` (a client's
 * rank: where the card goes) when it leaves room; otherwise the column is
 * rebalanced and the card gets a short rank between the same neighbours.
 * Undefined means the end of the column, rebalanced first if the end is
 * out of room. Runs before the move's own commit (a rebalance is several).
 */
async function roomyRank(
  kv: Deno.Kv,
  status: Task["status"],
  wanted: string | undefined,
  movingId: string | null,
  actor: Actor,
): Promise<string | undefined> {
  if (wanted === undefined) {
    const last = await tasks.lastBy(kv, "column", status);
    if (last !== null && !roomy(rankBetween(last.rank, null))) {
      await rebalanceColumn(kv, status, actor, movingId);
    }
    return undefined;
  }
  if (roomy(wanted)) return wanted;
  const others = () =>
    tasks.findBy(kv, "column", status).then((all) =>
      all.filter((t) => t.id !== movingId).sort(byRank)
    );
  const before = (await others()).filter((t) => t.rank < wanted).map((t) =>
    t.id
  );
  await rebalanceColumn(kv, status, actor, movingId);
  const column = await others();
  const at = column.findLastIndex((t) => before.includes(t.id));
  return rankBetween(column[at]?.rank ?? null, column[at + 1]?.rank ?? null);
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
  const rank = await roomyRank(kv, input.status, input.rank, null, actor);
  const { result } = await transact(kv, async (tx) => {
    await assertAssignable(tx, input.assigneeId);
    const task = await tasks.insert(tx, {
      ...input,
      rank: rank ?? await endOfColumn(tx, input.status),
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
  const authorize = (current: Task | null): Task => {
    if (current === null || !canSee(actor, current)) {
      throw new ApiError(404, "not_found", "No such task");
    }
    const moveOnly = Object.keys(patch).every((f) =>
      f === "status" || f === "rank"
    );
    const allowed = can(actor, "tasks", "edit") ||
      (moveOnly &&
        can(actor, "tasks", "change_status", {
          assigneeId: current.assigneeId,
        }));
    if (!allowed) {
      throw new ApiError(403, "forbidden", "You may only move your own tasks");
    }
    return current;
  };
  // A rank out of room rebalances the column first: only for a move the
  // actor may make, and before the move's own commit.
  const seen = authorize(await tasks.get(kv, id));
  const status = patch.status ?? seen.status;
  if (patch.rank !== undefined || status !== seen.status) {
    const rank = await roomyRank(kv, status, patch.rank, id, actor);
    if (rank !== undefined) patch = { ...patch, rank };
  }
  const fields = Object.keys(patch);
  const { result } = await transact(kv, async (tx) => {
    const current = authorize(await tasks.get(tx, id));
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

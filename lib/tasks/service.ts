/**
 * The task board's operations: each a function of a
 * {@linkcode ServiceContext} and its input, authorized from the policy
 * table. A task the actor may not see is not found (never a hint), a rule
 * the actor breaks is forbidden; routes only parse, call and map.
 *
 * @module
 */
import type { z } from "zod";
import { ForbiddenError, ValidationError } from "@/lib/errors.ts";
import { notify } from "@/lib/inbox/notify.ts";
import { type Actor, can, readScope } from "@/lib/policy.ts";
import {
  assertCan,
  emit,
  requireRecord,
  type ServiceContext,
} from "@/lib/service.ts";
import {
  diffFields,
  type HistoryPage,
  readHistory,
} from "@/lib/store/history.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { getMember } from "@/lib/team/members.ts";
import { assignmentNotices } from "./notices.ts";
import type {
  NewTaskSchema,
  Task,
  TaskPatchSchema,
  TaskQuerySchema,
} from "./schemas.ts";
import {
  endOfColumn,
  findTasks,
  roomyRank,
  TASK_HISTORY_FIELDS,
  tasks,
  taskUpdate,
} from "./task_store.ts";

/** Whether `actor` may see `task` (DESIGN §3: management all, others own). */
function canSee(actor: Actor, task: Task): boolean {
  return can(actor, "tasks", "read", { assigneeId: task.assigneeId });
}

/**
 * The tasks the actor may see, filtered, in board order: the read scope
 * from the policy table decides whether that is every task or the actor's
 * own (asking for someone else's finds none).
 */
export function listTasks(
  cx: ServiceContext,
  query: z.infer<typeof TaskQuerySchema> = {},
): Promise<Task[]> {
  if (readScope(cx.actor.role, "tasks") === "all") {
    return findTasks(cx.kv, query);
  }
  if (query.assignee && query.assignee !== cx.actor.id) {
    return Promise.resolve([]);
  }
  return findTasks(cx.kv, { ...query, assignee: cx.actor.id });
}

/** One task, or NotFoundError when it does not exist or is not visible. */
export function getTask(cx: ServiceContext, id: string): Promise<Task> {
  return requireRecord(tasks, cx.kv, id, "task", (t) => canSee(cx.actor, t));
}

/** A ValidationError unless `assigneeId` is none or an active member. */
async function assertAssignable(tx: Transaction, assigneeId: string | null) {
  if (assigneeId === null) return;
  const user = await getMember(tx, assigneeId);
  if (user === null || !user.active) {
    throw new ValidationError(
      [{ path: ["assigneeId"], message: "Pick an active team member" }],
      "The assignee is not an active team member",
    );
  }
}

/** Logs a `task_update` (see `taskUpdate`) with who made it. */
function emitTask(
  tx: Transaction,
  cx: ServiceContext,
  { subject, data }: ReturnType<typeof taskUpdate>,
): void {
  emit(tx, cx, "task_update", subject, data);
}

/** Creates a task (management); appended to its column unless ranked. */
export async function createTask(
  cx: ServiceContext,
  input: z.infer<typeof NewTaskSchema>,
): Promise<Task> {
  assertCan(cx, "tasks", "create", undefined, "Only management creates tasks");
  const rank = await roomyRank(cx.kv, input.status, input.rank, null, cx.actor);
  const { result } = await transact(cx.kv, async (tx) => {
    await assertAssignable(tx, input.assigneeId);
    const task = await tasks.insert(tx, {
      ...input,
      rank: rank ?? await endOfColumn(tx, input.status),
      createdBy: cx.actor.id,
    }, { now: cx.now() });
    emitTask(tx, cx, taskUpdate("created", task));
    notify(
      tx,
      cx,
      assignmentNotices(cx.actor, task, null),
      new Date(task.createdAt),
    );
    tx.recordChange({
      collection: tasks.name,
      record: task,
      actor: cx.actor,
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
  cx: ServiceContext,
  id: string,
  patch: z.infer<typeof TaskPatchSchema>,
  ifVersion?: number,
): Promise<Task> {
  const moveOnly = Object.keys(patch).every((f) =>
    f === "status" || f === "rank"
  );
  const authorize = (task: Task): Task => {
    if (can(cx.actor, "tasks", "edit")) return task;
    if (!moveOnly) throw new ForbiddenError("You may only move your own tasks");
    assertCan(cx, "tasks", "change_status", {
      assigneeId: task.assigneeId,
    }, "You may only move your own tasks");
    return task;
  };
  const visible = (t: Task) => canSee(cx.actor, t);
  // A rank out of room rebalances the column first: only for a move the
  // actor may make, and before the move's own commit.
  const seen = authorize(
    await requireRecord(tasks, cx.kv, id, "task", visible),
  );
  const status = patch.status ?? seen.status;
  if (patch.rank !== undefined || status !== seen.status) {
    const rank = await roomyRank(cx.kv, status, patch.rank, id, cx.actor);
    if (rank !== undefined) patch = { ...patch, rank };
  }
  const fields = Object.keys(patch);
  const { result } = await transact(cx.kv, async (tx) => {
    const current = authorize(
      await requireRecord(tasks, tx, id, "task", visible),
    );
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
      { ifVersion, now: cx.now() },
    );
    const changed = fields.filter((f) =>
      before[f as keyof Task] !== after[f as keyof Task]
    );
    emitTask(
      tx,
      cx,
      taskUpdate("updated", after, before.assigneeId, changed),
    );
    notify(
      tx,
      cx,
      assignmentNotices(cx.actor, after, before.assigneeId),
      new Date(after.updatedAt),
    );
    tx.recordChange({
      collection: tasks.name,
      record: after,
      actor: cx.actor,
      action: "updated",
      changes: diffFields(before, after, TASK_HISTORY_FIELDS),
    });
    return after;
  });
  return result;
}

/** Deletes a task (management). */
export async function deleteTask(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<void> {
  await transact(cx.kv, async (tx) => {
    await requireRecord(tasks, tx, id, "task", (t) => canSee(cx.actor, t));
    assertCan(
      cx,
      "tasks",
      "delete",
      undefined,
      "Only management deletes tasks",
    );
    const removed = await tasks.remove(tx, id, { ifVersion });
    emitTask(tx, cx, taskUpdate("deleted", removed));
  });
}

/**
 * A task's change history, newest first, under the task's own read rule:
 * NotFoundError when the actor may not see the task or it does not exist.
 */
export async function taskHistory(
  cx: ServiceContext,
  id: string,
  options: { limit?: number; cursor?: string | null } = {},
): Promise<HistoryPage> {
  const task = await getTask(cx, id);
  return await readHistory(cx.kv, tasks.name, task.id, options);
}

/**
 * Tasks' storage: the repository, the board's order and the column
 * rebalance (several commits). Operations and their rules live in
 * `service.ts`.
 *
 * @module
 */
import type { z } from "zod";
import { type Actor, audienceFor, type EventSubject } from "@/lib/policy.ts";
import { Repository } from "@/lib/store/repository.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { eventActor } from "@/lib/event_actor.ts";
import { byRank, rankBetween, roomy, spreadBelow } from "./rank.ts";
import {
  type Task,
  TASK_STATUSES,
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

/** Board order: column, then rank. */
export function boardOrder(a: Task, b: Task): number {
  const column = TASK_STATUSES.indexOf(a.status) -
    TASK_STATUSES.indexOf(b.status);
  return column !== 0 ? column : byRank(a, b);
}

/**
 * The tasks that match `query`, in board order: by the assignee index when
 * it names one, else every task. Who may see which is the service's rule.
 */
export async function findTasks(
  kv: Deno.Kv,
  query: z.infer<typeof TaskQuerySchema> = {},
): Promise<Task[]> {
  const found = query.assignee
    ? await tasks.findBy(kv, "assignee", query.assignee)
    : await tasks.list(kv);
  return found.filter((t) =>
    (query.status === undefined || t.status === query.status) &&
    (query.priority === undefined || t.priority === query.priority) &&
    (query.dueBefore === undefined ||
      (t.dueDate !== null && t.dueDate < query.dueBefore))
  ).sort(boardOrder);
}

/** A rank after the last card of `status`'s column. */
export async function endOfColumn(
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
        const { subject, data } = taskUpdate("updated", after, undefined, [
          "rank",
        ]);
        tx.emit({
          type: "task_update",
          audience: audienceFor("task_update", subject),
          data: { ...data, by },
        });
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
export async function roomyRank(
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

/**
 * What a `task_update` event (DESIGN §5) says: the users it concerns (the
 * assignee, and the previous one when it moved) and its data, without who
 * made it (the caller adds `by`).
 */
export function taskUpdate(
  action: "created" | "updated" | "deleted",
  task: Task,
  previousAssigneeId?: string | null,
  changed?: string[],
): { subject: EventSubject; data: Record<string, unknown> } {
  const moved = previousAssigneeId !== undefined &&
    previousAssigneeId !== task.assigneeId;
  return {
    subject: {
      assigneeId: task.assigneeId,
      previousAssigneeId: moved ? previousAssigneeId : null,
    },
    data: {
      action,
      task,
      ...(moved ? { previousAssigneeId } : {}),
      // Which fields an update changed, so the feed can say "moved to
      // Review" rather than "updated".
      ...(changed ? { changed } : {}),
    },
  };
}

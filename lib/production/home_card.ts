/**
 * The cards of a member's home page (`/`): for each production they are a
 * member of, what waits for them there, read with their role in that
 * production and nothing more — a crew member's card never counts budget
 * lines or shots their role may not see.
 *
 * @module
 */
import { listBudget } from "@/lib/budget/budget_store.ts";
import { isPastDate } from "@/lib/format.ts";
import { can, canOpen } from "@/lib/policy.ts";
import type { Role } from "@/lib/roles.ts";
import { productionKv, studioKv } from "@/lib/store/production_kv.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { membershipsOf } from "@/lib/team/members.ts";
import { shots } from "@/lib/vfx/store.ts";
import type { Production } from "./schemas.ts";
import type { HomeCard } from "./shared.ts";

/** The card of one production for member `accountId` with `role` there. */
export async function homeCard(
  kv: Deno.Kv,
  production: Production,
  accountId: string,
  role: Role,
  now: Date = new Date(),
): Promise<HomeCard> {
  const view = productionKv(studioKv(kv), production.id);
  const actor = { id: accountId, role };
  const [mine, toReview, changed, budget] = await Promise.all([
    tasks.findBy(view, "assignee", accountId),
    can(actor, "vfx", "review")
      ? shots.findBy(view, "status", "pending_review")
      : null,
    role === "vfx" ? shots.findBy(view, "status", "changes_requested") : null,
    canOpen(role, "budget") ? listBudget(view) : null,
  ]);
  const open = mine.filter((t) => t.status !== "done");
  return {
    id: production.id,
    slug: production.slug,
    title: production.title,
    kind: production.kind,
    archived: production.archived,
    startDate: production.startDate,
    wrapDate: production.wrapDate,
    role,
    myOpenTasks: open.length,
    myOverdueTasks:
      open.filter((t) =>
        t.dueDate !== null && isPastDate(t.dueDate, production.timeZone, now)
      ).length,
    shotsToReview: toReview?.length ?? null,
    shotsWithChanges: changed?.filter((s) => s.assigneeId === accountId)
      .length ?? null,
    budget: budget && {
      currency: budget.currency,
      allocatedCents: budget.totals.allocatedCents,
      spentCents: budget.totals.spentCents,
      percent: budget.totals.percent,
      level: budget.totals.level,
    },
  };
}

/** Every card of the account's home page, in the order productions were made. */
export async function homeCards(
  kv: Deno.Kv,
  accountId: string,
  now: Date = new Date(),
): Promise<HomeCard[]> {
  const mine = await membershipsOf(kv, accountId);
  return await Promise.all(
    mine.map(({ production, role }) =>
      homeCard(kv, production, accountId, role, now)
    ),
  );
}

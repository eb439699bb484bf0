/**
 * The cards of a member's home page (`/`): for each production they are a
 * member of, what waits for them there, read through each module's service
 * with their role in that production and nothing more — a crew member's
 * card never counts budget lines or shots their role may not see.
 *
 * @module
 */
import { getBudget } from "@/lib/budget/service.ts";
import { isPastDate } from "@/lib/format.ts";
import { can, canOpen } from "@/lib/policy.ts";
import {
  type AccountContext,
  type ServiceContext,
  serviceContext,
} from "@/lib/service.ts";
import { productionKv, studioKv } from "@/lib/store/production_kv.ts";
import { listTasks } from "@/lib/tasks/service.ts";
import { membershipsOf } from "@/lib/team/members.ts";
import { listShots } from "@/lib/vfx/service.ts";
import type { Production } from "./schemas.ts";
import type { HomeCard } from "./shared.ts";

/**
 * The card of `production` for the member `cx` acts for (`cx.kv` that
 * production's view, `cx.actor.role` their role there).
 */
export async function homeCard(
  cx: ServiceContext,
  production: Production,
): Promise<HomeCard> {
  const { actor } = cx;
  const [mine, toReview, changed, budget] = await Promise.all([
    listTasks(cx, { assignee: actor.id }),
    can(actor, "vfx", "review")
      ? listShots(cx, { status: "pending_review" })
      : null,
    // Changes requested wait on whoever submits the versions.
    can(actor, "vfx", "submit_version")
      ? listShots(cx, { status: "changes_requested" })
      : null,
    canOpen(actor.role, "budget") ? getBudget(cx) : null,
  ]);
  const open = mine.filter((t) => t.status !== "done");
  const now = cx.now();
  return {
    id: production.id,
    slug: production.slug,
    title: production.title,
    kind: production.kind,
    archived: production.archived,
    startDate: production.startDate,
    wrapDate: production.wrapDate,
    role: actor.role,
    myOpenTasks: open.length,
    myOverdueTasks:
      open.filter((t) =>
        t.dueDate !== null && isPastDate(t.dueDate, production.timeZone, now)
      ).length,
    shotsToReview: toReview?.length ?? null,
    shotsWithChanges: changed?.filter((s) => s.assigneeId === actor.id)
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
export async function homeCards(cx: AccountContext): Promise<HomeCard[]> {
  const mine = await membershipsOf(cx.kv, cx.actor.id);
  return await Promise.all(
    mine.map(({ production, role }) =>
      homeCard(
        serviceContext(
          productionKv(studioKv(cx.kv), production.id),
          { ...cx.actor, role },
          cx.now,
        ),
        production,
      )
    ),
  );
}

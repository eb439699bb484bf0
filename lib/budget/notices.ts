/**
 * The inbox items of a budget alert (issue #13): when a change takes a
 * category across 80 % or 100 % of its allocation, every producer and
 * production manager of the production (the budget's readers) but the one
 * who made the change is told. Added in the change's commit by service.ts.
 *
 * @module
 */
import type { NewInboxItem } from "@/lib/inbox/shared.ts";
import type { ServiceActor } from "@/lib/service.ts";
import { formatPercent } from "./money.ts";
import type { BudgetAlert, Category } from "./shared.ts";

/** One `budget_alert` item per recipient. */
export function budgetAlerts(
  actor: ServiceActor,
  category: Category,
  alert: BudgetAlert,
  recipients: readonly string[],
): NewInboxItem[] {
  const title = alert.level >= 100
    ? `${category.code} ${category.name} is now over budget`
    : `${category.code} ${category.name} has reached 80% of its budget`;
  const spent = alert.percent === null
    ? ""
    : ` (${formatPercent(alert.percent)} spent)`;
  return recipients.map((userId) => ({
    userId,
    kind: "budget_alert",
    title,
    body: `After a change by ${actor.name}${spent}`,
    href: `/budget#cat-${category.id}`,
    ref: { type: "budget_category", id: category.id },
  }));
}

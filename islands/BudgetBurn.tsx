import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { send } from "@/components/api.ts";
import { BurnBar, LevelBadge } from "@/components/budget/BurnBar.tsx";
import {
  alertsOf,
  removeCategory,
  tombstones,
  upsertCategory,
} from "@/components/budget/model.ts";
import type { BudgetView, CategoryView } from "@/lib/budget/shared.ts";
import { formatMoney, formatPercent, totals } from "@/lib/budget/money.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { useHref } from "@/components/production_path.ts";

/**
 * The dashboard's budget card, kept live: total spent of allocated with a
 * bar, and the categories at 80 % or more of their allocation.
 */
export default function BudgetBurn(
  props: { currency: string; categories: CategoryView[] },
) {
  const categories = useSignal(props.categories);
  const href = useHref();
  const currency = useSignal(props.currency);
  const gone = useRef(tombstones()).current;
  useRealtime("budget_update", ({ data }) => {
    categories.value = data.action === "category_deleted"
      ? removeCategory(categories.value, data.category.id, gone)
      : upsertCategory(categories.value, data.category, gone);
  }, async () => {
    try {
      const budget = await send<BudgetView>("GET", "/api/budget");
      categories.value = budget.categories;
      currency.value = budget.currency;
    } catch {
      // Keep the figures shown; the next event corrects them.
    }
  });
  const sum = totals(categories.value);
  const alerts = alertsOf(categories.value);
  const money = (cents: number) => formatMoney(cents, currency.value);
  return (
    <section class="card budget-burn" aria-labelledby="budget-burn-title">
      <h2 id="budget-burn-title">Budget burn</h2>
      {categories.value.length === 0
        ? <p class="muted">No budget categories yet.</p>
        : (
          <>
            <p class="stat">
              <span class="stat-value" data-burn="percent">
                {formatPercent(sum.percent)}
              </span>{" "}
              <span>spent</span>
            </p>
            <BurnBar
              percent={sum.percent}
              level={sum.level}
              label="Budget spent"
              size="lg"
            />
            <p class="budget-burn-figures">
              <span data-burn="spent">{money(sum.spentCents)}</span>{" "}
              <span class="muted">of {money(sum.allocatedCents)}</span>
              <br />
              <span class={sum.remainingCents < 0 ? "is-negative" : "muted"}>
                {sum.remainingCents < 0
                  ? `${money(-sum.remainingCents)} over budget`
                  : `${money(sum.remainingCents)} left`}
              </span>
            </p>
            {alerts.length === 0
              ? <p class="muted">Every category is below 80%.</p>
              : (
                <ul class="plain-list budget-burn-alerts" aria-live="polite">
                  {alerts.map((c) => (
                    <li key={c.id}>
                      <a href={href(`/budget#cat-${c.id}`)}>{c.name}</a>{" "}
                      <span class="muted">{formatPercent(c.percent)}</span>{" "}
                      <LevelBadge level={c.level} />
                    </li>
                  ))}
                </ul>
              )}
          </>
        )}
      <a href={href("/budget")}>Open the budget</a>
    </section>
  );
}

import { BurnBar } from "@/components/budget/BurnBar.tsx";
import { formatMoney, formatPercent } from "@/lib/budget/money.ts";
import { formatDate } from "@/lib/format.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { type HomeCard, KIND_LABELS } from "@/lib/production/shared.ts";
import { ROLE_LABELS } from "@/lib/roles.ts";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One production on the home page: its name (the way in), the member's
 * role there, and what waits for them — their open tasks, reviews, shots
 * sent back, the budget burn — each linking to where it is done.
 */
export function ProductionCard({ card }: { card: HomeCard }) {
  const at = (path: string) => inProduction(card.slug, path);
  const titleId = `production-${card.id}`;
  const waiting: { href: string; text: string; urgent?: boolean }[] = [];
  waiting.push({
    href: at("/tasks"),
    text: card.myOpenTasks === 0
      ? "No open tasks for you"
      : plural(card.myOpenTasks, "open task", "open tasks") + " for you",
  });
  if (card.myOverdueTasks > 0) {
    waiting.push({
      href: at("/tasks"),
      text: `${plural(card.myOverdueTasks, "task", "tasks")} overdue`,
      urgent: true,
    });
  }
  if (card.shotsToReview !== null) {
    waiting.push({
      href: at("/vfx?status=pending_review"),
      text: card.shotsToReview === 0
        ? "No shots waiting for review"
        : `${plural(card.shotsToReview, "shot", "shots")} waiting for review`,
    });
  }
  if (card.shotsWithChanges) {
    waiting.push({
      href: at("/vfx?status=changes_requested"),
      text: `${
        plural(card.shotsWithChanges, "shot", "shots")
      } sent back with changes`,
      urgent: true,
    });
  }
  return (
    <article
      class={`card production-card${card.archived ? " is-archived" : ""}`}
      aria-labelledby={titleId}
      data-production={card.slug}
    >
      <header class="production-card-head">
        <h2 id={titleId} class="production-card-title">
          <a href={at("/")}>{card.title}</a>
        </h2>
        <p class="production-card-meta muted">
          {KIND_LABELS[card.kind]} ·{" "}
          <span class="nowrap">{formatDate(card.startDate)}</span> –{" "}
          <span class="nowrap">{formatDate(card.wrapDate)}</span>
        </p>
        <p class="production-card-tags">
          <span class="badge" title="Your role here">
            {ROLE_LABELS[card.role]}
          </span>
          {card.archived && <span class="badge">Archived (read-only)</span>}
        </p>
      </header>
      <ul class="plain-list production-card-waiting" data-waiting>
        {waiting.map((w) => (
          <li key={w.text} class={w.urgent ? "is-urgent" : undefined}>
            <a href={w.href}>{w.text}</a>
          </li>
        ))}
      </ul>
      {card.budget && (
        <div class="production-card-budget" data-budget>
          {card.budget.allocatedCents === 0 && card.budget.spentCents === 0
            ? (
              <p>
                <a href={at("/budget")}>Budget</a>:{" "}
                <span class="muted">nothing allocated yet</span>
              </p>
            )
            : (
              <>
                <p>
                  <a href={at("/budget")}>Budget</a>:{" "}
                  {formatPercent(card.budget.percent)} spent{" "}
                  <span class="muted">
                    ({formatMoney(
                      card.budget.spentCents,
                      card.budget.currency,
                    )} of {formatMoney(
                      card.budget.allocatedCents,
                      card.budget.currency,
                    )})
                  </span>
                </p>
                <BurnBar
                  percent={card.budget.percent}
                  level={card.budget.level}
                  label={`${card.title} budget spent`}
                  size="lg"
                />
              </>
            )}
        </div>
      )}
    </article>
  );
}

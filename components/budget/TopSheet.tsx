import type { CategoryView, VfxCommitment } from "@/lib/budget/shared.ts";
import {
  type BudgetFigures,
  formatMoney,
  formatPercent,
} from "@/lib/budget/money.ts";
import { BurnBar, LevelBadge } from "./BurnBar.tsx";

/**
 * The top sheet: allocated, spent, remaining and the share spent of the
 * whole budget, and the categories that need attention.
 */
export function TopSheet(
  { totals, currency, alerts, vfx = null, vfxLine = null }: {
    totals: BudgetFigures;
    currency: string;
    alerts: CategoryView[];
    /** What the VFX bids commit, and the line they commit against. */
    vfx?: VfxCommitment | null;
    vfxLine?: CategoryView | null;
  },
) {
  const money = (cents: number) => formatMoney(cents, currency);
  const over = totals.remainingCents < 0;
  return (
    <section class="top-sheet card" aria-labelledby="top-sheet-title">
      <h2 id="top-sheet-title" class="visually-hidden">Top sheet</h2>
      <dl class="top-sheet-figures">
        <div class="top-sheet-figure">
          <dt>Allocated</dt>
          <dd data-total="allocated">{money(totals.allocatedCents)}</dd>
        </div>
        <div class="top-sheet-figure">
          <dt>Spent</dt>
          <dd data-total="spent">{money(totals.spentCents)}</dd>
        </div>
        <div class="top-sheet-figure">
          <dt>{over ? "Over budget by" : "Remaining"}</dt>
          <dd data-total="remaining" class={over ? "is-negative" : ""}>
            {money(Math.abs(totals.remainingCents))}
          </dd>
        </div>
        <div class="top-sheet-figure top-sheet-burn">
          <dt>Spent of budget</dt>
          <dd data-total="percent">
            {formatPercent(totals.percent)} <LevelBadge level={totals.level} />
          </dd>
          {/* A dl group holds only dt and dd: the bar is a dd of its own. */}
          <dd class="top-sheet-bar">
            <BurnBar
              percent={totals.percent}
              level={totals.level}
              label="Budget spent"
              size="lg"
            />
          </dd>
        </div>
      </dl>
      {vfx && vfxLine && (
        <p class="top-sheet-committed" aria-live="polite">
          <span class="top-sheet-committed-label">Committed (VFX bids)</span>
          {" "}
          <strong data-total="committed">{money(vfx.committedCents)}</strong>
          {" "}
          <span class="muted">
            against <a href={`#cat-${vfxLine.id}`}>{vfxLine.name}</a> ·{" "}
            {vfx.shots === 1 ? "1 shot" : `${vfx.shots} shots`}, not yet spent
          </span>
        </p>
      )}
      <div class="top-sheet-alerts" aria-live="polite">
        {alerts.length === 0
          ? (
            <p class="muted">
              Every category is below 80% of its allocation.
            </p>
          )
          : (
            <>
              <p class="top-sheet-alerts-title">
                {alerts.length === 1
                  ? "1 category needs attention:"
                  : `${alerts.length} categories need attention:`}
              </p>
              <ul class="alert-chips">
                {alerts.map((c) => (
                  <li key={c.id}>
                    <a href={`#cat-${c.id}`} class="alert-chip">
                      <span>{c.name}</span>{" "}
                      <span class="alert-chip-pct">
                        {formatPercent(c.percent)}
                      </span>{" "}
                      <LevelBadge level={c.level} />
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
      </div>
    </section>
  );
}

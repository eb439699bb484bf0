import type { CategoryView, VfxCommitment } from "@/lib/budget/shared.ts";
import {
  type BudgetFigures,
  formatMoney,
  formatPercent,
} from "@/lib/budget/money.ts";
import { useHref } from "@/components/production_path.ts";
import { FlaggedBadge } from "@/components/ripple/FlaggedBadge.tsx";
import { recordPage } from "@/lib/records/shared.ts";
import { BurnBar, LevelBadge } from "./BurnBar.tsx";
import { bySection, levelClass } from "./model.ts";

/**
 * The categories by section with subtotals and the total: the accessible
 * table behind the chart. Rows at ≥ 80 % are amber, at ≥ 100 % red, each
 * with a text badge as well.
 */
export function CategoryTable(
  { categories, totals, currency, flashing, flagged, onEdit, vfx = null }: {
    categories: CategoryView[];
    totals: BudgetFigures;
    currency: string;
    flashing: ReadonlySet<string>;
    /** Lines with open script-change flags. */
    flagged?: ReadonlySet<string>;
    /** Present for people who may change categories (and once hydrated). */
    onEdit?: (category: CategoryView) => void;
    /** What the VFX bids commit against the production's VFX line. */
    vfx?: VfxCommitment | null;
  },
) {
  const money = (cents: number) => formatMoney(cents, currency);
  const to = useHref();
  const columns = onEdit ? 7 : 6;
  const figures = (f: BudgetFigures) => (
    <>
      {/* data-label names the figure where phones show rows as cards. */}
      <td class="num" data-label="Allocated">{money(f.allocatedCents)}</td>
      <td class="num" data-label="Spent">{money(f.spentCents)}</td>
      <td
        class={`num${f.remainingCents < 0 ? " is-negative" : ""}`}
        data-label="Remaining"
      >
        {money(f.remainingCents)}
      </td>
    </>
  );
  return (
    <div
      class="table-wrap budget-table-wrap"
      role="region"
      aria-label="Category table"
      tabIndex={0}
    >
      <table class="table budget-table">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Category</th>
            <th scope="col" class="num">Allocated</th>
            <th scope="col" class="num">Spent</th>
            <th scope="col" class="num">Remaining</th>
            <th scope="col">Spent of allocation</th>
            {onEdit && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        {bySection(categories).map((group) => (
          <tbody key={group.section} data-section={group.section}>
            <tr class="section-row">
              <th scope="rowgroup" colSpan={columns}>
                <span class="section-label">{group.label}</span>
              </th>
            </tr>
            {group.rows.map((c) => (
              <tr
                key={c.id}
                id={`cat-${c.id}`}
                class={`category-row ${levelClass(c.level)}${
                  flashing.has(c.id) ? " is-flashing" : ""
                }`}
                data-category-id={c.id}
                data-level={c.level}
              >
                <td class="code">{c.code}</td>
                <th scope="row" class="category-name">
                  {/* The line's own page: its details, links, conversation. */}
                  <a
                    class="category-link"
                    href={to(recordPage("budget_category", c.id))}
                  >
                    {c.name}
                  </a>
                  {flagged?.has(c.id) && (
                    <>
                      {" "}
                      <FlaggedBadge />
                    </>
                  )}
                </th>
                {figures(c)}
                <td>
                  <div class="burn-cell">
                    <BurnBar
                      percent={c.percent}
                      level={c.level}
                      label={`${c.name} spent`}
                    />
                    <span class="burn-pct">{formatPercent(c.percent)}</span>
                    <LevelBadge level={c.level} />
                  </div>
                  {vfx?.categoryId === c.id && (
                    <CommittedLine vfx={vfx} money={money} />
                  )}
                </td>
                {onEdit && (
                  <td class="row-actions">
                    <button
                      type="button"
                      class="button button-quiet button-small"
                      onClick={() => onEdit(c)}
                      aria-label={`Edit ${c.name}`}
                    >
                      Edit
                    </button>
                  </td>
                )}
              </tr>
            ))}
            <tr class="subtotal-row">
              <th scope="row" colSpan={2}>{group.label} subtotal</th>
              {figures(group.sum)}
              <td>
                <span class="burn-pct">{formatPercent(group.sum.percent)}</span>
              </td>
              {onEdit && <td />}
            </tr>
          </tbody>
        ))}
        <tfoot>
          <tr class="total-row">
            <th scope="row" colSpan={2}>Total</th>
            {figures(totals)}
            <td>
              <span class="burn-pct">{formatPercent(totals.percent)}</span>
            </td>
            {onEdit && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * The VFX line's committed cost: the bids of the shots not omitted. Beside
 * the spend, never added to it (a bid is not yet money out).
 */
export function CommittedLine(
  { vfx, money }: { vfx: VfxCommitment; money: (cents: number) => string },
) {
  return (
    <p class="committed-line" data-committed={vfx.categoryId}>
      Committed (VFX bids):{" "}
      <strong data-committed-cents={vfx.committedCents}>
        {money(vfx.committedCents)}
      </strong>{" "}
      <span class="muted">
        · {vfx.shots === 1 ? "1 shot" : `${vfx.shots} shots`}
      </span>
    </p>
  );
}

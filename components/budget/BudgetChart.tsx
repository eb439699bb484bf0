import type { CategoryView } from "@/lib/budget/shared.ts";
import { formatMoney, formatPercent, minorDigits } from "@/lib/budget/money.ts";
import { levelBadge, levelClass } from "./model.ts";

const ROW = 42;
const BAR = 14;
const AXIS = 26;

/** A round tick step in major units (1, 2, 2.5 or 5 × 10^k), ~4 per `max`. */
function niceStep(max: number): number {
  const raw = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5]) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

const pct = (part: number, whole: number) =>
  `${(whole === 0 ? 0 : Math.min(part / whole, 1) * 100).toFixed(3)}%`;

/**
 * Allocated vs spent per category as horizontal bars: the light bar is the
 * allocation, the solid bar inside it the spend (amber from 80 %, red when
 * over). Lengths are percentages of the SVG's own width, so text never
 * scales and the chart fits any screen. Drawn on the server; the island
 * redraws it on every change. The table beside it holds the same figures.
 */
export function BudgetChart(
  { categories, currency }: { categories: CategoryView[]; currency: string },
) {
  if (categories.length === 0) return null;
  const unit = 10 ** minorDigits(currency);
  const largest = Math.max(
    ...categories.map((c) => Math.max(c.allocatedCents, c.spentCents)),
  );
  // The largest figure spans the width; ticks at round amounts below it.
  const scale = Math.max(largest, 1);
  const step = niceStep(scale / unit);
  const ticks: number[] = [];
  for (let t = 0; t * unit <= scale; t += step) ticks.push(t);
  const height = categories.length * ROW + AXIS;
  const axis = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const over = categories.filter((c) => c.level >= 100).length;
  const warn = categories.filter((c) => c.level === 80).length;
  return (
    <figure class="budget-chart">
      <svg
        role="img"
        aria-labelledby="budget-chart-title budget-chart-desc"
        width="100%"
        height={height}
        class="budget-chart-svg"
      >
        <title id="budget-chart-title">
          Allocated vs spent by category
        </title>
        <desc id="budget-chart-desc">
          {`${categories.length} categories. For each, the outer bar is the allocation and the inner bar the spend. ${
            over === 0 ? "None is" : over === 1 ? "1 is" : `${over} are`
          } over budget; ${
            warn === 0 ? "none is" : warn === 1 ? "1 is" : `${warn} are`
          } at 80% or more. The categories table lists the same figures.`}
        </desc>
        {ticks.map((tick, i) => {
          const x = pct(tick * unit, scale);
          return (
            <g key={`tick-${tick}`} class="chart-tick">
              <line x1={x} x2={x} y1={0} y2={height - AXIS + 4} />
              <text
                x={x}
                y={height - 6}
                text-anchor={i === 0
                  ? "start"
                  : tick * unit / scale > 0.95
                  ? "end"
                  : "middle"}
              >
                {axis.format(tick)}
              </text>
            </g>
          );
        })}
        {categories.map((c, i) => {
          const y = i * ROW;
          const badge = levelBadge(c.level);
          return (
            <g
              key={c.id}
              class={`chart-row ${levelClass(c.level)}`}
              data-category-id={c.id}
            >
              <title>
                {`${c.name}: ${formatMoney(c.spentCents, currency)} spent of ${
                  formatMoney(c.allocatedCents, currency)
                } (${formatPercent(c.percent)})`}
              </title>
              <text x={0} y={y + 15} class="chart-label">
                <tspan class="chart-code">{c.code}</tspan> {c.name}
              </text>
              <text x="100%" y={y + 15} text-anchor="end" class="chart-value">
                {formatPercent(c.percent)}
                {badge ? ` · ${badge}` : ""}
              </text>
              <rect
                class="chart-allocated"
                x={0}
                y={y + 21}
                width={pct(c.allocatedCents, scale)}
                height={BAR}
                rx={3}
              />
              <rect
                class="chart-spent"
                x={0}
                y={y + 24}
                width={pct(c.spentCents, scale)}
                height={BAR - 6}
                rx={2}
              />
            </g>
          );
        })}
      </svg>
      <figcaption class="chart-legend">
        <span class="legend-item">
          <span class="legend-swatch swatch-allocated" aria-hidden="true" />
          Allocated
        </span>
        <span class="legend-item">
          <span class="legend-swatch swatch-spent" aria-hidden="true" />
          Spent
        </span>
        <span class="legend-item">
          <span class="legend-swatch swatch-warning" aria-hidden="true" />
          Spent, 80% or more
        </span>
        <span class="legend-item">
          <span class="legend-swatch swatch-over" aria-hidden="true" />
          Spent, over budget
        </span>
      </figcaption>
    </figure>
  );
}

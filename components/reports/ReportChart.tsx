import { formatMoney } from "@/lib/budget/money.ts";
import type { ReportTable } from "@/lib/reports/shared.ts";

/** Height of one item: its label on a line, then its bar and value. */
const ROW = 36;
/** The longest bar takes this share of the width; the value goes after it. */
const BAR_SHARE = 62;

/**
 * A horizontal bar chart of a report table (server and island alike).
 *
 * The SVG has no viewBox: it is as wide as its card and lays out in
 * percentages, so its text keeps the stylesheet's size at any width
 * instead of shrinking with the card (a scaled viewBox made the labels
 * about 8 px tall). Each item's label has the whole width to itself; the
 * bar and its value share the line below it.
 */
export function ReportChart({ table }: { table: ReportTable }) {
  const max = Math.max(
    1,
    ...table.rows.map((r) => Math.max(r.value, r.secondary ?? 0)),
  );
  const height = Math.max(ROW, table.rows.length * ROW);
  const show = (v: number) =>
    table.unit === "cents"
      ? formatMoney(v, table.currency ?? "EUR")
      : String(v);
  const share = (v: number) => (v / max) * BAR_SHARE;
  const titleId = `${table.id}-chart-title`;
  return (
    <svg
      class="report-chart"
      role="img"
      aria-labelledby={titleId}
      width="100%"
      height={height}
    >
      <title id={titleId}>{table.title}</title>
      {table.rows.map((row, i) => {
        const y = i * ROW;
        const width = share(row.value);
        const secondary = row.secondary === undefined
          ? null
          : share(row.secondary);
        return (
          <g key={row.label}>
            <text x="0" y={y + 13} class="report-label">{row.label}</text>
            {secondary !== null && (
              <rect
                x="0"
                y={y + 17}
                width={`${secondary}%`}
                height="14"
                rx="2"
                class="report-bar-secondary"
              />
            )}
            <rect
              x="0"
              y={y + 19}
              width={`${width}%`}
              height="10"
              rx="2"
              class="report-bar"
            />
            <text
              x={`${Math.max(width, secondary ?? 0)}%`}
              dx="6"
              y={y + 28}
              class="report-value"
            >
              {show(row.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

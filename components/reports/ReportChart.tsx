import { formatMoney } from "../../lib/budget/money.ts";
import type { ReportTable } from "../../lib/reports.ts";

const ROW = 28;

/** A horizontal bar chart of a report table (server and island alike). */
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
  const titleId = `${table.id}-chart-title`;
  return (
    <svg
      class="report-chart"
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 600 ${height}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{table.title}</title>
      {table.rows.map((row, i) => {
        const y = i * ROW;
        const width = (row.value / max) * 360;
        const secondary = row.secondary === undefined
          ? null
          : (row.secondary / max) * 360;
        return (
          <g key={row.label}>
            <text x="0" y={y + 18} class="report-label">{row.label}</text>
            {secondary !== null && (
              <rect
                x="170"
                y={y + 6}
                width={secondary}
                height="16"
                class="report-bar-secondary"
              />
            )}
            <rect
              x="170"
              y={y + 8}
              width={width}
              height="12"
              class="report-bar"
            />
            <text
              x={176 + Math.max(width, secondary ?? 0)}
              y={y + 18}
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

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { send } from "@/components/api.ts";
import { ReportChart } from "@/components/reports/ReportChart.tsx";
import { useRealtime } from "@/components/use_realtime.ts";
import { formatMoney } from "@/lib/budget/money.ts";
import { formatTime } from "@/lib/format.ts";
import type { EventType } from "@/lib/policy.ts";
import type { ProductionSummary } from "@/lib/reports/shared.ts";
import { useHref } from "@/components/production_path.ts";

const SOURCES: EventType[] = [
  "task_update",
  "budget_update",
  "vfx_update",
  "script_update",
];
const COALESCE_MS = 500;

/**
 * The reports, refreshed when the data behind them changes: each relevant
 * event asks for a fresh summary (coalesced), instead of a timer.
 */
export default function ReportsLive(
  { initial, timeZone }: {
    initial: ProductionSummary;
    /** The production's time zone, for the "as of" time. */
    timeZone: string;
  },
) {
  const summary = useSignal(initial);
  const href = useHref();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => {
    if (timer.current !== null) return;
    timer.current = setTimeout(async () => {
      timer.current = null;
      try {
        summary.value = await send<ProductionSummary>("GET", "/api/reports");
      } catch {
        // Keep the figures shown; the next event asks again.
      }
    }, COALESCE_MS);
  };
  useRealtime(SOURCES, refresh, refresh);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
  const show = (unit: string, currency: string | undefined, v: number) =>
    unit === "cents" ? formatMoney(v, currency ?? "EUR") : String(v);
  const { generatedAt } = summary.value;
  return (
    <div class="reports-live">
      <p class="muted report-stamp">
        Figures as of{" "}
        <time dateTime={new Date(generatedAt).toISOString()}>
          {formatTime(generatedAt, timeZone)}
        </time>
      </p>
      <div class="card-grid reports">
        {summary.value.tables.map((table) => (
          <section
            class="card"
            key={table.id}
            aria-labelledby={`${table.id}-title`}
          >
            <div class="report-head">
              <h2 id={`${table.id}-title`}>{table.title}</h2>
              <a
                class="button button-quiet"
                href={href(`/api/reports/${table.id}.csv`)}
              >
                CSV
              </a>
            </div>
            <ReportChart table={table} />
            {
              /* Fits its card at laptop and phone widths; a very long amount
              scrolls inside the card, never the page. */
            }
            <div
              class="table-wrap report-table-wrap"
              role="region"
              aria-label={`${table.title}: figures`}
              tabIndex={0}
            >
              <table class="table report-figures" data-report={table.id}>
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col" class="num">
                      {table.unit === "cents" ? "Spent" : "Count"}
                    </th>
                    {table.secondaryLabel && (
                      <th scope="col" class="num">{table.secondaryLabel}</th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row) => (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      <td class="num">
                        {show(table.unit, table.currency, row.value)}
                      </td>
                      {table.secondaryLabel && (
                        <td class="num">
                          {show(table.unit, table.currency, row.secondary ?? 0)}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}

import type { DayOutOfDays } from "@/lib/schedule/dood.ts";
import { codeClass, columnHeading, shortDate } from "./model.ts";

/**
 * The day out of days as a table: a row per cast member (number and
 * name, held in view while the dates scroll inside the card), a column per
 * date (weekday, date, and the shooting day's number or what the date is
 * for the company), a code per cell, then each member's totals.
 */
export function DoodMatrix(
  { dood, pickups, label }: {
    dood: DayOutOfDays;
    /** Show the pick-ups column (the production drops and picks up). */
    pickups: boolean;
    /** The region's accessible name ("Day out of days: working schedule"). */
    label: string;
  },
) {
  const totals = ["Work", "Hold", "Travel", "Idle"];
  if (pickups) totals.push("Pick-ups");
  return (
    <div
      class="table-wrap dood-wrap"
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <table class="table dood-table">
        <thead>
          <tr>
            <th scope="col" class="dood-cast">Cast</th>
            {dood.columns.map((column) => {
              const h = columnHeading(column);
              return (
                <th
                  key={column.date}
                  scope="col"
                  class={`dood-date dood-col-${column.kind}`}
                  data-date={column.date}
                >
                  <span class="dood-weekday">{h.weekday}</span>
                  <span class="dood-day">{h.date}</span>
                  <span class="dood-what">{h.what}</span>
                </th>
              );
            })}
            {totals.map((t) => (
              <th key={t} scope="col" class="num dood-total">{t}</th>
            ))}
            <th scope="col" class="dood-total">Start</th>
            <th scope="col" class="dood-total">Finish</th>
          </tr>
        </thead>
        <tbody>
          {dood.rows.map((row) => {
            const t = row.totals;
            const counts = [t.work, t.hold, t.travel, t.idle];
            if (pickups) counts.push(t.pickups);
            return (
              <tr key={row.castNumber} data-cast={row.castNumber}>
                <th scope="row" class="dood-cast">
                  <span class="dood-number">{row.castNumber}</span> {row.name}
                </th>
                {row.codes.map((code, i) => (
                  <td
                    key={dood.columns[i].date}
                    class={`dood-cell dood-col-${dood.columns[i].kind} ${
                      codeClass(code)
                    }`}
                  >
                    {code}
                  </td>
                ))}
                {counts.map((n, i) => (
                  <td key={totals[i]} class="num dood-total">{n}</td>
                ))}
                <td class="dood-total">{t.first ? shortDate(t.first) : "—"}</td>
                <td class="dood-total">{t.last ? shortDate(t.last) : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

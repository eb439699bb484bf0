import { formatDate } from "@/lib/format.ts";
import { WEEKDAY_SHORT, weekdayOf } from "@/lib/schedule/calendar.ts";

/** The next shooting dates the calendar gives, as it is being edited. */
export function PreviewDates({ dates }: { dates: readonly string[] }) {
  return (
    <section
      class="card settings-preview"
      aria-labelledby="preview-title"
    >
      <h2 id="preview-title">The first shooting dates</h2>
      <p class="field-hint">
        As the calendar stands (saved or not), before travel days and holidays
        on the board take their dates.
      </p>
      <p class="visually-hidden" aria-live="polite">
        {dates.length > 0
          ? `Day 1 falls on ${formatDate(dates[0])}.`
          : "No working date."}
      </p>
      {dates.length === 0
        ? (
          <p class="muted">
            No working date: pick a start date and at least one weekday.
          </p>
        )
        : (
          <ol class="preview-dates">
            {dates.map((date, i) => (
              <li key={date} data-date={date}>
                <span class="preview-day">Day {i + 1}</span>{" "}
                {WEEKDAY_SHORT[weekdayOf(date)]} {formatDate(date)}
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}

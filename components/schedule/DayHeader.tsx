import type { ComponentChildren } from "preact";
import { formatDate, todayIn } from "@/lib/format.ts";
import { WEEKDAY_SHORT, weekdayOf } from "@/lib/schedule/calendar.ts";
import { formatDuration } from "@/lib/schedule/days.ts";
import type { ScheduleDayView } from "@/lib/schedule/shared.ts";
import { formatCastIds } from "@/lib/schedule/strips.ts";

/** "Mon 1 Feb 2027": a shooting date as the board prints it. */
export function shootDate(date: string, timeZone: string): string {
  return `${WEEKDAY_SHORT[weekdayOf(date)]} ${formatDate(date, timeZone)}`;
}

/**
 * A shooting day's header: "Day N", its date, pages, estimated time and
 * the cast called; for the production office also the day's tools
 * (children) and, held or dragged, the handle to move the whole day.
 */
export function DayHeader(
  { day, timeZone, canEdit, state, on, children }: {
    day: ScheduleDayView;
    timeZone: string;
    canEdit: boolean;
    state: { grabbed: boolean; draggable: boolean; dropTarget: boolean };
    on: {
      onKeyDown?: (e: KeyboardEvent) => void;
      onFocus?: (e: FocusEvent) => void;
      onDragStart?: (e: DragEvent) => void;
      onDragEnd?: () => void;
    };
    children?: ComponentChildren;
  },
) {
  const index = day.number - 1;
  const today = day.date !== null && day.date === todayIn(timeZone);
  const pageWord = day.pages === "1" ? "page" : "pages";
  return (
    <div
      class={`sb-day-head${state.grabbed ? " is-grabbed" : ""}${
        state.dropTarget ? " is-drop-target" : ""
      }`}
      data-day={index}
      tabIndex={canEdit ? 0 : undefined}
      draggable={state.draggable}
      aria-roledescription={canEdit ? "shooting day" : undefined}
      aria-describedby={canEdit ? "sb-day-help" : undefined}
      aria-labelledby={canEdit ? `sb-day-${index}` : undefined}
      onKeyDown={on.onKeyDown}
      onFocus={on.onFocus}
      onDragStart={on.onDragStart}
      onDragEnd={on.onDragEnd}
    >
      <h2 class="sb-day-title" id={`sb-day-${index}`}>
        Day {day.number}
        {day.date !== null && (
          <time class="sb-day-date" dateTime={day.date}>
            {shootDate(day.date, timeZone)}
          </time>
        )}
        {today && <span class="sb-flag sb-flag-today">Today</span>}
        {state.grabbed && <span class="sb-flag sb-flag-moving">Moving</span>}
      </h2>
      <p class="sb-day-stats">
        <span class="sb-day-pages">{day.pages} {pageWord}</span>
        <span class="sb-day-time">{formatDuration(day.minutes)}</span>
        <span class="sb-day-cast">
          Cast {day.castIds.length > 0 ? formatCastIds(day.castIds) : "none"}
        </span>
        {day.omitted > 0 && (
          <span class="sb-day-omitted">{day.omitted} omitted</span>
        )}
      </p>
      {children && <div class="sb-day-tools">{children}</div>}
    </div>
  );
}

import { useSignal } from "@preact/signals";
import type { fieldErrors } from "@/components/FormFields.tsx";
import { formatDate } from "@/lib/format.ts";
import {
  isIsoDate,
  WEEKDAY_SHORT,
  weekdayOf,
} from "@/lib/schedule/calendar.ts";
import { withDate } from "./model.ts";

/**
 * A list of dates (days off, extra working days): each with a remove
 * button, and a date picker with an Add button (Enter adds too).
 */
export function DateListField(
  { name, label, hint, dates, onChange, errors }: {
    name: "daysOff" | "extraWorkDays";
    label: string;
    hint: string;
    dates: readonly string[];
    onChange: (next: string[]) => void;
    errors: ReturnType<typeof fieldErrors>;
  },
) {
  const typed = useSignal("");
  const problem = useSignal<string | null>(null);
  const hintId = `${errors.id(name)}-hint`;
  const add = () => {
    if (!isIsoDate(typed.value)) {
      problem.value = "Pick a date to add";
      return;
    }
    problem.value = null;
    onChange(withDate(dates, typed.value));
    typed.value = "";
  };
  return (
    <fieldset class="settings-fieldset date-list-field">
      <legend>{label}</legend>
      <p class="field-hint" id={hintId}>{hint}</p>
      {dates.length > 0
        ? (
          <ul class="date-list">
            {dates.map((date) => (
              <li key={date} class="date-chip">
                <span>
                  {WEEKDAY_SHORT[weekdayOf(date)]} {formatDate(date)}
                </span>
                <button
                  type="button"
                  class="button button-quiet date-remove"
                  onClick={() => onChange(dates.filter((d) => d !== date))}
                >
                  Remove
                  <span class="visually-hidden">{` ${formatDate(date)}`}</span>
                </button>
              </li>
            ))}
          </ul>
        )
        : <p class="muted date-list-empty">None.</p>}
      <div class="date-add">
        <label class="visually-hidden" for={errors.id(name)}>
          {`Add to ${label.toLowerCase()}`}
        </label>
        <input
          {...errors.field(name, hintId)}
          type="date"
          value={typed.value}
          onInput={(e) => {
            typed.value = e.currentTarget.value;
            problem.value = null;
          }}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            e.preventDefault();
            add();
          }}
        />
        <button type="button" class="button" onClick={add}>
          Add<span class="visually-hidden">{` to ${label.toLowerCase()}`}</span>
        </button>
      </div>
      {problem.value && <span class="field-error">{problem.value}</span>}
      {errors.error(name)}
    </fieldset>
  );
}

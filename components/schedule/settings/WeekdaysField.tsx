import type { fieldErrors } from "@/components/FormFields.tsx";
import { WEEKDAY_SHORT } from "@/lib/schedule/calendar.ts";
import type { Weekday } from "@/lib/schedule/shared.ts";

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const NAMES = [
  "",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
];

/** The working weekdays: a checkbox per day, Monday first. */
export function WeekdaysField(
  { value, onChange, errors }: {
    value: readonly Weekday[];
    onChange: (next: Weekday[]) => void;
    errors: ReturnType<typeof fieldErrors>;
  },
) {
  const id = errors.id("workWeekdays");
  const error = errors.error("workWeekdays");
  return (
    <fieldset
      class="settings-fieldset"
      id={id}
      tabIndex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>Working weekdays</legend>
      <div class="weekday-checks">
        {WEEKDAYS.map((day) => (
          <label key={day} class="check-field weekday-check">
            <input
              type="checkbox"
              name="workWeekdays"
              value={day}
              checked={value.includes(day)}
              onChange={(e) =>
                onChange(
                  e.currentTarget.checked
                    ? [...value, day].sort((a, b) =>
                      a - b
                    )
                    : value.filter((d) => d !== day),
                )}
            />
            <span aria-hidden="true">{WEEKDAY_SHORT[day]}</span>
            <span class="visually-hidden">{NAMES[day]}</span>
          </label>
        ))}
      </div>
      {error}
    </fieldset>
  );
}

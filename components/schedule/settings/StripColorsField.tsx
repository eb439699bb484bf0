import type { fieldErrors } from "@/components/FormFields.tsx";
import {
  DAY_NIGHTS,
  type DayNight,
  DEFAULT_STRIP_COLORS,
  inkOn,
  type StripColorKey,
} from "@/lib/schedule/shared.ts";

const TIME_NAMES: Record<DayNight, string> = {
  DAY: "Day",
  NIGHT: "Night",
  DAWN: "Dawn",
  DUSK: "Dusk",
  MORNING: "Morning",
  EVENING: "Evening",
  OTHER: "Unknown time",
};

const SIDES = [
  { side: "INT", name: "Interior" },
  { side: "EXT", name: "Exterior" },
] as const;

/**
 * The strip colours: per interior/exterior and time of day a colour
 * picker beside a preview strip in that colour (with the ink that reads
 * on it), and a reset to the conventional colours.
 */
export function StripColorsField(
  { value, onChange, errors }: {
    value: Record<StripColorKey, string>;
    onChange: (next: Record<StripColorKey, string>) => void;
    errors: ReturnType<typeof fieldErrors>;
  },
) {
  const id = errors.id("stripColors");
  return (
    <fieldset class="settings-fieldset" id={id} tabIndex={-1}>
      <legend class="visually-hidden">Strip colours</legend>
      <p class="field-hint">
        A strip's colour says interior or exterior and the time of day, as on a
        paper stripboard.
      </p>
      <div class="strip-color-groups">
        {SIDES.map(({ side, name }) => (
          <div key={side} class="strip-color-group">
            <p class="strip-color-side">{name}</p>
            {DAY_NIGHTS.map((dn) => {
              const key = `${side}/${dn}` as StripColorKey;
              const colour = value[key];
              const inputId = `${id}-${side}-${dn}`;
              return (
                <div key={key} class="strip-color-row">
                  <span
                    class="strip-preview"
                    style={{ background: colour, color: inkOn(colour) }}
                    data-key={key}
                  >
                    {side}. {TIME_NAMES[dn].toUpperCase()}
                  </span>
                  <label class="visually-hidden" for={inputId}>
                    {`${name} ${TIME_NAMES[dn].toLowerCase()} colour`}
                  </label>
                  <input
                    id={inputId}
                    type="color"
                    class="strip-color-input"
                    value={colour}
                    onInput={(e) =>
                      onChange({ ...value, [key]: e.currentTarget.value })}
                  />
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div>
        <button
          type="button"
          class="button"
          onClick={() => onChange({ ...DEFAULT_STRIP_COLORS })}
        >
          Reset to defaults
        </button>
      </div>
      {errors.error("stripColors")}
    </fieldset>
  );
}

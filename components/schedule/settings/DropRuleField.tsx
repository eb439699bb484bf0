import type { fieldErrors } from "@/components/FormFields.tsx";
import type { SettingsDraft } from "./model.ts";

/**
 * The day out of days' drop/pick-up rule: always hold, or drop a cast
 * member when their next work day is more than N calendar days away (at
 * most so many times each).
 */
export function DropRuleField(
  { draft, onChange, errors }: {
    draft: Pick<SettingsDraft, "dropMode" | "dropAfterDays" | "maxDrops">;
    onChange: (
      next: Partial<
        Pick<SettingsDraft, "dropMode" | "dropAfterDays" | "maxDrops">
      >,
    ) => void;
    errors: ReturnType<typeof fieldErrors>;
  },
) {
  const drop = draft.dropMode === "drop";
  return (
    <fieldset class="settings-fieldset">
      <legend>Drop and pick up</legend>
      <label class="check-field">
        <input
          type="radio"
          name="dropMode"
          value="hold"
          checked={!drop}
          onChange={() => onChange({ dropMode: "hold" })}
        />
        <span>Off: always hold a cast member between work days</span>
      </label>
      <label class="check-field">
        <input
          type="radio"
          name="dropMode"
          value="drop"
          checked={drop}
          onChange={() => onChange({ dropMode: "drop" })}
        />
        <span>Drop and pick up after a long gap</span>
      </label>
      {drop && (
        <div class="drop-fields">
          <label class="field" for={errors.id("dropAfterDays")}>
            <span>
              Drop when the next work day is more than (calendar days)
            </span>
            <input
              {...errors.field("dropAfterDays", "drop-hint")}
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={draft.dropAfterDays}
              onInput={(e) =>
                onChange({ dropAfterDays: e.currentTarget.value })}
            />
            {errors.error("dropAfterDays")}
          </label>
          <label class="field" for={errors.id("maxDrops")}>
            <span>Drops per cast member, at most</span>
            <input
              {...errors.field("maxDrops")}
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              value={draft.maxDrops}
              onInput={(e) => onChange({ maxDrops: e.currentTarget.value })}
            />
            {errors.error("maxDrops")}
          </label>
          <p class="field-hint" id="drop-hint">
            SAG-AFTRA allows one drop per production when the gap is more than
            10 calendar days (14 outside the US).
          </p>
        </div>
      )}
    </fieldset>
  );
}

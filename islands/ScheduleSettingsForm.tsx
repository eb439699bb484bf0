import { useSignal } from "@preact/signals";
import { ApiFailure, failureText, send } from "@/components/api.ts";
import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  issueErrors,
} from "@/components/FormFields.tsx";
import { useHref } from "@/components/production_path.ts";
import { DateListField } from "@/components/schedule/settings/DateListField.tsx";
import { DropRuleField } from "@/components/schedule/settings/DropRuleField.tsx";
import {
  API_FIELD_NAMES,
  draftOf,
  inputOf,
  isDirty,
  pacingText,
  previewDates,
  SETTINGS_LABELS,
  type SettingsDraft,
} from "@/components/schedule/settings/model.ts";
import { PreviewDates } from "@/components/schedule/settings/PreviewDates.tsx";
import { StripColorsField } from "@/components/schedule/settings/StripColorsField.tsx";
import { WeekdaysField } from "@/components/schedule/settings/WeekdaysField.tsx";
import { useRealtime } from "@/components/use_realtime.ts";
import {
  MAX_MINUTES_PER_EIGHTH,
  MIN_MINUTES_PER_EIGHTH,
  type ScheduleSettings,
  type ScheduleUpdateData,
} from "@/lib/schedule/shared.ts";

const ORDER = Object.keys(SETTINGS_LABELS);

/**
 * The schedule's calendar and settings, for the production office: the
 * start date, working weekdays, days off and extra working days (with a
 * preview of the first shooting dates as they are edited), minutes per
 * eighth, strip colours and the day out of days' drop/pick-up rule. Saved
 * with the version it was read at; someone else's save meanwhile is
 * shown, never silently overwritten.
 */
export default function ScheduleSettingsForm(
  { initial, timeZone, userId }: {
    initial: ScheduleSettings;
    /** The production's zone (shown; set in the production's settings). */
    timeZone: string;
    /** The viewer: their own saves echo back and are not news. */
    userId: string;
  },
) {
  const saved = useSignal(initial);
  const draft = useSignal<SettingsDraft>(draftOf(initial));
  const errors = useSignal<FieldErrors>({});
  const message = useSignal<string | null>(null);
  const busy = useSignal(false);
  const status = useSignal("");
  /** Newer settings someone else saved while this form had changes. */
  const theirs = useSignal<{ settings: ScheduleSettings; by: string } | null>(
    null,
  );
  const href = useHref();
  const f = fieldErrors("ss", errors.value, ORDER);

  const change = (patch: Partial<SettingsDraft>) => {
    draft.value = { ...draft.value, ...patch };
    status.value = "";
  };
  const adopt = (settings: ScheduleSettings) => {
    saved.value = settings;
    draft.value = draftOf(settings);
    theirs.value = null;
    errors.value = {};
    message.value = null;
  };

  useRealtime("schedule_update", (event) => {
    const data = event.data as ScheduleUpdateData & {
      by?: { id: string; name: string };
    };
    if (data.action !== "settings" || data.by?.id === userId) return;
    if (data.settings.version <= saved.value.version) return;
    const by = data.by?.name || "Someone";
    if (isDirty(draft.value, saved.value)) {
      theirs.value = { settings: data.settings, by };
    } else {
      adopt(data.settings);
      status.value = `${by} changed the settings; showing theirs.`;
    }
  });

  const save = async () => {
    const checked = inputOf(draft.value);
    message.value = null;
    status.value = "";
    if (checked.errors) {
      errors.value = checked.errors;
      return;
    }
    errors.value = {};
    busy.value = true;
    try {
      const next = await send<ScheduleSettings>(
        "PUT",
        "/api/schedule/settings",
        checked.input,
        saved.value.version,
      );
      adopt(next);
      status.value = "Settings saved.";
    } catch (failure) {
      const f = failure instanceof ApiFailure ? failure : null;
      if (f?.status === 409) {
        const current = (f.error?.details as { current?: ScheduleSettings })
          ?.current;
        if (current) theirs.value = { settings: current, by: "Someone" };
        else message.value = failureText(failure, "Could not save");
        return;
      }
      const issues = issueErrors(f?.error?.details, API_FIELD_NAMES);
      if (Object.keys(issues).length > 0) errors.value = issues;
      else message.value = failureText(failure, "Could not save the settings");
    } finally {
      busy.value = false;
    }
  };

  const d = draft.value;
  const dirty = isDirty(d, saved.value);
  return (
    <form
      class="schedule-settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {theirs.value && (
        <div class="form-error" role="alert">
          {theirs.value.by === "Someone"
            ? "Someone changed the settings meanwhile."
            : `${theirs.value.by} changed the settings meanwhile.`}{" "}
          Your changes are not saved.{" "}
          <button
            type="button"
            class="button button-quiet"
            onClick={() => adopt(theirs.value!.settings)}
          >
            Reload their settings
          </button>
        </div>
      )}
      <ErrorSummary
        prefix="ss"
        errors={errors.value}
        labels={SETTINGS_LABELS}
        message={message.value}
      />
      <div class="settings-layout">
        <div class="settings-main">
          <section class="card settings-card" aria-labelledby="calendar-title">
            <h2 id="calendar-title">Calendar</h2>
            <label class="field settings-start" for={f.id("startDate")}>
              <span>Start date</span>
              <input
                {...f.field("startDate", "ss-zone")}
                type="date"
                value={d.startDate}
                onInput={(e) => change({ startDate: e.currentTarget.value })}
              />
              {f.error("startDate")}
              <span class="field-hint" id="ss-zone">
                The first date the shoot may use. Dates are the production's, in
                {" "}
                {timeZone} (<a href={href("/settings")}>
                  production settings
                </a>).
              </span>
            </label>
            <WeekdaysField
              value={d.workWeekdays}
              onChange={(workWeekdays) => change({ workWeekdays })}
              errors={f}
            />
            <DateListField
              name="daysOff"
              label="Days off"
              hint="Dates not worked though their weekday is: public holidays, a rest day."
              dates={d.daysOff}
              onChange={(daysOff) => change({ daysOff })}
              errors={f}
            />
            <DateListField
              name="extraWorkDays"
              label="Extra working days"
              hint="Dates worked though their weekday is not: a Saturday pick-up."
              dates={d.extraWorkDays}
              onChange={(extraWorkDays) => change({ extraWorkDays })}
              errors={f}
            />
          </section>
          <section class="card settings-card" aria-labelledby="pacing-title">
            <h2 id="pacing-title">Pacing</h2>
            <label
              class="field settings-minutes"
              for={f.id("minutesPerEighth")}
            >
              <span>Minutes per eighth of a page</span>
              <input
                {...f.field("minutesPerEighth", "ss-pacing")}
                type="number"
                inputMode="numeric"
                min={MIN_MINUTES_PER_EIGHTH}
                max={MAX_MINUTES_PER_EIGHTH}
                value={d.minutesPerEighth}
                onInput={(e) =>
                  change({ minutesPerEighth: e.currentTarget.value })}
              />
              {f.error("minutesPerEighth")}
              <span class="field-hint" id="ss-pacing">
                {pacingText(d.minutesPerEighth)}. The stripboard estimates each
                day's length with it.
              </span>
            </label>
          </section>
          <section class="card settings-card" aria-labelledby="colours-title">
            <h2 id="colours-title">Strip colours</h2>
            <StripColorsField
              value={d.stripColors}
              onChange={(stripColors) => change({ stripColors })}
              errors={f}
            />
          </section>
          <section class="card settings-card" aria-labelledby="dood-rule-title">
            <h2 id="dood-rule-title">Day out of days</h2>
            <DropRuleField draft={d} onChange={change} errors={f} />
          </section>
        </div>
        <PreviewDates dates={previewDates(d)} />
      </div>
      <div class="settings-actions">
        <button
          type="submit"
          class="button button-primary"
          disabled={busy.value}
        >
          {busy.value ? "Saving…" : "Save settings"}
        </button>
        <button
          type="button"
          class="button"
          disabled={!dirty || busy.value}
          onClick={() => adopt(saved.value)}
        >
          Discard changes
        </button>
        <p class="settings-status" role="status">{status.value}</p>
      </div>
    </form>
  );
}

import { useSignal } from "@preact/signals";
import { failureText, send } from "@/components/api.ts";
import { EmptyState } from "@/components/EmptyState.tsx";
import { openDayLabel, receiptLine } from "@/components/callsheets/model.ts";
import { useHref } from "@/components/production_path.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import {
  CALL_SHEET_STATE_LABELS,
  type CallSheetList as List,
  type CallSheetView,
  sheetDate,
  sheetHref,
} from "@/lib/callsheets/shared.ts";

/**
 * The call sheets by day, live: for the production office every sheet and
 * a control to generate one for a shooting day that has none; for
 * management the receipts; for a member called, their call and whether
 * they confirmed.
 */
export default function CallSheetList({ initial }: { initial: List }) {
  const list = useSignal(initial);
  const day = useSignal(initial.openDays?.[0]?.day ?? 0);
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const href = useHref();
  const reload = async () => {
    try {
      list.value = await send<List>("GET", "/api/callsheets");
      const open = list.value.openDays ?? [];
      if (!open.some((d) => d.day === day.value)) day.value = open[0]?.day ?? 0;
    } catch (failure) {
      error.value = failureText(failure, "Could not reload the call sheets");
    }
  };
  // The office's open days follow the schedule; others only the sheets.
  useRealtime(
    initial.canWrite
      ? ["callsheet_update", "schedule_update"] as const
      : ["callsheet_update"] as const,
    () => void reload(),
    reload,
  );

  const generate = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    error.value = null;
    try {
      const made = await send<CallSheetView>("POST", "/api/callsheets", {
        day: day.value,
      });
      location.assign(href(sheetHref(made.sheet.id)));
    } catch (failure) {
      error.value = failureText(failure, "Could not generate the call sheet");
      busy.value = false;
    }
  };

  const { sheets, openDays, canWrite } = list.value;
  return (
    <div class="cs-list-page">
      {canWrite && openDays !== null && (
        <section class="card cs-generate" aria-labelledby="cs-generate">
          <h2 id="cs-generate">Generate call sheet</h2>
          {openDays.length === 0
            ? (
              <p class="muted">
                {sheets.length === 0
                  ? "The schedule has no shooting days yet: "
                  : "Every shooting day has its call sheet. Add days on "}
                <a href={href("/schedule")}>the stripboard</a>
                {sheets.length === 0 ? " comes first." : "."}
              </p>
            )
            : (
              <form class="cs-generate-form" onSubmit={generate}>
                <label class="field">
                  <span>Shooting day</span>
                  <select
                    value={String(day.value)}
                    onChange={(e) => day.value = Number(e.currentTarget.value)}
                  >
                    {openDays.map((d) => (
                      <option key={d.day} value={String(d.day)}>
                        {openDayLabel(d)}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="submit"
                  class="button button-primary"
                  disabled={busy.value}
                >
                  {busy.value ? "Generating…" : "Generate call sheet"}
                </button>
              </form>
            )}
          {list.value.source?.versionName && (
            <p class="muted">
              From the locked schedule “{list.value.source.versionName}”.
            </p>
          )}
        </section>
      )}
      {error.value && <p class="form-error" role="alert">{error.value}</p>}
      {sheets.length === 0
        ? (
          <EmptyState
            title={list.value.seesAll
              ? "No call sheets yet"
              : "No call sheet calls you yet"}
          >
            <p>
              {canWrite
                ? "Generate one for a shooting day: it starts from the schedule, and you publish it when it is ready."
                : list.value.seesAll
                ? "The production office generates them from the schedule; drafts show here too."
                : "When the production office publishes a call sheet that calls you, it shows here and in your inbox."}
            </p>
          </EmptyState>
        )
        : (
          <ul class="cs-sheets" aria-live="polite">
            {sheets.map((s) => (
              <li key={s.id} class={`card cs-sheet-line cs-line-${s.state}`}>
                <a class="cs-line-title" href={href(sheetHref(s.id))}>
                  Day {s.day}
                  {s.totalDays >= s.day ? ` of ${s.totalDays}` : ""} ·{" "}
                  {sheetDate(s.date)}
                </a>
                <span class={`cs-state cs-state-${s.state}`}>
                  {CALL_SHEET_STATE_LABELS[s.state]}
                  {s.revision > 1 ? ` · rev. ${s.revision}` : ""}
                </span>
                <span class="cs-line-meta">
                  {s.scenes} {s.scenes === 1 ? "scene" : "scenes"}
                  {s.mine && ` · your call ${s.mine.call}`}
                </span>
                {receiptLine(s) && (
                  <span
                    class={`cs-line-receipt${
                      s.mine?.confirmedAt ? " is-confirmed" : ""
                    }`}
                  >
                    {receiptLine(s)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}

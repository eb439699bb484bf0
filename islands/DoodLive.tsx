import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { send } from "@/components/api.ts";
import { EmptyState } from "@/components/EmptyState.tsx";
import { useHref } from "@/components/production_path.ts";
import { DoodLegend } from "@/components/schedule/dood/DoodLegend.tsx";
import { DoodMatrix } from "@/components/schedule/dood/DoodMatrix.tsx";
import {
  anyoneWorks,
  changeText,
  doodEventEffect,
  doodPath,
  type DoodReport,
  dropRuleText,
  shootingDayCount,
  shortDate,
} from "@/components/schedule/dood/model.ts";
import { BoardOptions } from "@/components/schedule/versions/BoardOptions.tsx";
import { useRealtime } from "@/components/use_realtime.ts";
import { formatTime } from "@/lib/format.ts";
import type { ScheduleVersionMeta } from "@/lib/schedule/shared.ts";

// Several drags in a row ask for one fresh report.
const COALESCE_MS = 200;

/**
 * The day out of days of the working board or a saved version, following
 * the board live: a board change (or the calendar, or the script) asks
 * for a fresh report, and a quiet note says when and why it changed.
 * Download as CSV, or print (the stylesheet prints just the report).
 */
export default function DoodLive(
  { initial, versionId, versionName, versions }: {
    initial: DoodReport;
    /** The saved version shown, or null for the working board. */
    versionId: string | null;
    versionName: string;
    /** Every saved version, for the picker. */
    versions: ScheduleVersionMeta[];
  },
) {
  const report = useSignal(initial);
  const note = useSignal<string | null>(null);
  const gone = useSignal(false);
  const href = useHref();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(0);
  const why = useRef<string | null>(null);

  const refresh = (reason: string | null = null) => {
    why.current = reason ?? why.current;
    if (timer.current !== null) return;
    timer.current = setTimeout(async () => {
      timer.current = null;
      const mine = ++latest.current;
      const reasonNow = why.current;
      why.current = null;
      try {
        const next = await send<DoodReport>("GET", doodPath(versionId));
        if (mine !== latest.current) return; // a later answer is on its way
        report.value = next;
        const at = formatTime(Date.now(), next.timeZone, { seconds: true });
        note.value = `Updated ${at}${reasonNow ? ` · ${reasonNow}` : ""}`;
      } catch {
        if (mine !== latest.current) return;
        note.value =
          "Could not fetch the latest day out of days; it may be out of date.";
      }
    }, COALESCE_MS);
  };
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
  useRealtime(
    ["schedule_update", "script_update"],
    (event) => {
      const data = event.data as Parameters<typeof changeText>[1];
      const effect = doodEventEffect(event.type, data, versionId);
      if (effect === "gone") gone.value = true;
      if (effect === "refresh") refresh(changeText(event.type, data));
    },
    () => refresh(null),
  );

  const dood = report.value;
  const days = shootingDayCount(dood);
  const first = dood.columns[0]?.date;
  const last = dood.columns[dood.columns.length - 1]?.date;
  return (
    <section class="card dood-sheet" aria-labelledby="dood-title">
      <div class="dood-head">
        <div class="dood-heading">
          <h2 id="dood-title">Day out of days — {versionName}</h2>
          {first && last && (
            <p class="muted dood-span">
              {shortDate(first)} {first.slice(0, 4)} – {shortDate(last)}{" "}
              {last.slice(0, 4)} · {days} shooting {days === 1 ? "day" : "days"}
            </p>
          )}
        </div>
        <div class="dood-actions">
          <form method="get" class="dood-picker">
            <label for="dood-version">Board</label>
            <select id="dood-version" name="version" value={versionId ?? ""}>
              <BoardOptions versions={versions} working="" />
            </select>
            <button type="submit" class="button">Show</button>
          </form>
          <a class="button" href={href(doodPath(versionId, true))} download>
            Download CSV
          </a>
          <button type="button" class="button" onClick={() => print()}>
            Print
          </button>
        </div>
      </div>
      <p class="dood-updated muted" role="status">{note.value}</p>
      {gone.value && (
        <p class="form-error" role="alert">
          This version was deleted; what it was stays shown until you leave.
          {" "}
          <a href={href("/schedule/dood")}>Show the working schedule</a>
        </p>
      )}
      {anyoneWorks(dood)
        ? (
          <DoodMatrix
            dood={dood}
            pickups={dood.settings.dropPickupAfterDays !== null}
            label={`Day out of days: ${versionName}`}
          />
        )
        : (
          <EmptyState title="No cast member works yet">
            <p>
              Schedule strips on the <a href={href("/schedule")}>stripboard</a>
              {" "}
              to see who works when.
            </p>
          </EmptyState>
        )}
      <DoodLegend />
      <p class="dood-rule">{dropRuleText(dood.settings)}</p>
    </section>
  );
}

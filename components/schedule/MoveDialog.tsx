import { EditDialog } from "@/components/EditDialog.tsx";
import { formText } from "@/components/FormFields.tsx";
import type { ScheduleDayView } from "@/lib/schedule/shared.ts";
import { shootDate } from "./DayHeader.tsx";

const LABELS = { dest: "Move to", position: "Where in it" };

/**
 * A strip's dialog: move it without dragging (touch screens, or by
 * choice) to a shooting day or the boneyard, at its start or its end; or,
 * on a day with strips after it, end the day there.
 */
export function MoveDialog(
  { scene, current, days, timeZone, onSubmit, onEndDay, onClose }: {
    /** "scene 12". */
    scene: string;
    /** Where it stands: a day's number as text, or "boneyard". */
    current: string;
    days: ScheduleDayView[];
    timeZone: string;
    onSubmit: (dest: string, position: "start" | "end") => void;
    /** Splits its day after it; absent when nothing follows it there. */
    onEndDay?: () => void;
    onClose: () => void;
  },
) {
  return (
    <EditDialog
      prefix="move"
      title={`Move ${scene}`}
      what="strip"
      labels={LABELS}
      status={{ errors: {}, message: null, conflict: null, busy: false }}
      submitLabel="Move"
      onSubmit={(form) => {
        const text = formText(form);
        onSubmit(text("dest"), text("position") === "start" ? "start" : "end");
      }}
      onClose={onClose}
      note={onEndDay && (
        <p class="sb-end-day">
          <button type="button" class="button" onClick={onEndDay}>
            End day here
          </button>{" "}
          <span class="muted">
            Day {current} ends after{" "}
            {scene}; the strips after it start a new day.
          </span>
        </p>
      )}
    >
      <label class="field">
        <span>{LABELS.dest}</span>
        <select name="dest" id="move-dest" autoFocus>
          {days.map((d) => (
            <option
              key={d.number}
              value={String(d.number)}
              selected={current === String(d.number)}
            >
              {`Day ${d.number}${
                d.date ? ` — ${shootDate(d.date, timeZone)}` : ""
              } (${d.pages} pp.)`}
            </option>
          ))}
          <option value="boneyard" selected={current === "boneyard"}>
            Boneyard (unscheduled)
          </option>
        </select>
      </label>
      <label class="field">
        <span>{LABELS.position}</span>
        <select name="position" id="move-position">
          <option value="end">At the end</option>
          <option value="start">At the start</option>
        </select>
      </label>
    </EditDialog>
  );
}

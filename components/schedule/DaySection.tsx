import { IS_BROWSER } from "fresh/runtime";
import type { ScheduleDayView } from "@/lib/schedule/shared.ts";
import { reveal } from "./board_dom.ts";
import { DayHeader } from "./DayHeader.tsx";
import { SortControl } from "./SortControl.tsx";
import { StripList } from "./StripList.tsx";
import type { Stripboard } from "./stripboard_model.ts";

/**
 * One shooting day: its header (with the day's tools for the production
 * office) and its rows. The whole day is the drop target of a dragged day.
 */
export function DaySection(
  { m, day }: { m: Stripboard; day: ScheduleDayView },
) {
  const index = day.number - 1;
  const canEdit = m.canEdit.value;
  const grab = m.grabbed.value;
  const drag = m.dragging.value;
  const dayDrag = drag?.kind === "day" ? drag : null;
  return (
    <section
      class="sb-day"
      aria-labelledby={`sb-day-${index}`}
      onDragOver={(e) => {
        if (dayDrag === null) return;
        e.preventDefault();
        m.dragOverDay(index);
      }}
      onDrop={(e) => {
        if (dayDrag === null) return;
        e.preventDefault();
        m.drop();
      }}
    >
      <DayHeader
        day={day}
        timeZone={m.view.value.timeZone}
        canEdit={canEdit}
        state={{
          grabbed: (grab?.kind === "day" && grab.to === index) ||
            dayDrag?.day === index,
          draggable: IS_BROWSER && canEdit,
          dropTarget: dayDrag !== null && m.dropDay.value === index &&
            dayDrag.day !== index,
        }}
        on={{
          onKeyDown(e) {
            const el = e.currentTarget as HTMLElement;
            if (
              (m.grabbed.value === null && e.target !== el) || e.altKey ||
              e.ctrlKey || e.metaKey
            ) return;
            if (m.dayKey(index, e.key)) e.preventDefault();
          },
          onFocus(e) {
            const el = e.currentTarget as HTMLElement;
            if (el.matches(":focus-visible")) reveal(el);
          },
          onDragStart(e) {
            // A strip's drag starts inside the day: only the header's own.
            if (e.target !== e.currentTarget) return;
            m.dragStart({ kind: "day", day: index });
            e.dataTransfer?.setData("text/plain", `day ${day.number}`);
          },
          onDragEnd: m.dragEnd,
        }}
      >
        {canEdit && (
          <>
            <SortControl
              scope={{ day: index }}
              label={`day ${day.number}`}
              preview={m.preview.value}
              onPropose={(by) => m.propose({ day: index }, by)}
              onAccept={m.acceptPreview}
              onCancel={m.cancelPreview}
            />
            <button
              type="button"
              class="button button-small sb-quiet"
              onClick={() =>
                m.openDialog({ kind: "banner", day: index, banner: null })}
            >
              Add banner<span class="visually-hidden">
                {` to day ${day.number}`}
              </span>
            </button>
            <button
              type="button"
              class="button button-small sb-quiet button-delete"
              onClick={() => m.removeDay(index)}
            >
              Remove day<span class="visually-hidden">{` ${day.number}`}</span>
            </button>
          </>
        )}
      </DayHeader>
      <StripList
        m={m}
        box={{ day: index }}
        rows={day.rows}
        label={`Day ${day.number} strips`}
        empty={canEdit
          ? "No strips yet: drag strips here, or use Move… on a strip."
          : "No strips on this day yet."}
      />
    </section>
  );
}

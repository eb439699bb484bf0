import type { DayRow } from "@/lib/schedule/days.ts";
import { isFiltering, matchesFilter } from "@/lib/schedule/filter.ts";
import { IS_BROWSER } from "fresh/runtime";
import type { Place } from "./board_keys.ts";
import { dropIndex, reveal } from "./board_dom.ts";
import { BannerRow } from "./BannerRow.tsx";
import { StripRow } from "./StripRow.tsx";
import type { Stripboard } from "./stripboard_model.ts";

/** Which list: a shooting day's (0-based) or the boneyard. */
export type Box = { day: number } | { boneyard: true };

function inBox(box: Box, place: Place | null): place is Place {
  if (place === null) return false;
  return "boneyard" in box
    ? "boneyard" in place
    : !("boneyard" in place) && place.day === box.day;
}

/**
 * The rows of one shooting day or of the boneyard: strips and banners in
 * order, the drop target of dragged strips (a line where one would land),
 * and a hint when empty.
 */
export function StripList(
  { m, box, rows, label, empty }: {
    m: Stripboard;
    box: Box;
    rows: DayRow[];
    /** The list's accessible name ("Day 2 strips"). */
    label: string;
    empty: string;
  },
) {
  const view = m.view.value;
  const canEdit = m.canEdit.value;
  const grab = m.grabbed.value;
  const drag = m.dragging.value;
  const filter = m.filter.value;
  const filtering = isFiltering(filter);
  const dragged = drag?.kind === "strip" ? drag.sceneKey : null;
  const dropAt = m.dropAt.value;
  const drop = dragged !== null && inBox(box, dropAt) ? dropAt.index : null;
  const onDay = !("boneyard" in box);
  const fresh = onDay ? null : new Set(view.newKeys);
  let shown = 0; // rows before this one, the dragged strip left out
  return (
    <ol
      class={`sb-rows${
        drop ===
            rows.filter((r) => r.type === "banner" || r.sceneKey !== dragged)
              .length
          ? " is-drop-end"
          : ""
      }`}
      aria-label={label}
      onDragOver={(e) => {
        if (dragged === null) return;
        e.preventDefault();
        const index = dropIndex(e, dragged);
        m.dragOverStrip(
          "boneyard" in box ? { boneyard: true, index } : {
            day: box.day,
            index,
          },
        );
      }}
      onDrop={(e) => {
        if (dragged === null) return;
        e.preventDefault();
        e.stopPropagation();
        m.drop();
      }}
    >
      {rows.length === 0 && <li class="sb-empty muted">{empty}</li>}
      {rows.map((row) => {
        const isDragged = row.type === "strip" && row.sceneKey === dragged;
        const dropBefore = !isDragged && drop === shown;
        if (!isDragged) shown++;
        if (row.type === "banner") {
          return (
            <BannerRow
              key={row.id}
              banner={row}
              canEdit={canEdit && onDay}
              dropBefore={dropBefore}
              onEdit={() =>
                m.openDialog({
                  kind: "banner",
                  day: (box as { day: number }).day,
                  banner: row,
                })}
              onRemove={() => m.removeBanner(row.id)}
            />
          );
        }
        const strip = m.strips.value.get(row.sceneKey);
        if (strip === undefined) return null;
        const key = strip.sceneKey;
        return (
          <StripRow
            key={key}
            strip={strip}
            colors={view.settings.stripColors}
            state={{
              grabbed: grab?.kind === "strip" && grab.sceneKey === key,
              flash: m.flashing.value.has(key),
              dim: filtering && !matchesFilter(strip, filter),
              isNew: fresh?.has(key) ?? false,
              onDay,
              canEdit,
              dropBefore,
              draggable: IS_BROWSER && canEdit,
            }}
            on={{
              onKeyDown(e) {
                const el = e.currentTarget as HTMLElement;
                const held = m.grabbed.value !== null;
                if (
                  (!held && e.target !== el) || e.altKey || e.ctrlKey ||
                  e.metaKey
                ) return;
                if (!held && e.key === "Enter") {
                  e.preventDefault();
                  el.querySelector<HTMLAnchorElement>(".sb-num")?.click();
                } else if (m.stripKey(key, e.key)) e.preventDefault();
              },
              onFocus(e) {
                const el = e.currentTarget as HTMLElement;
                if (el.matches(":focus-visible")) reveal(el);
              },
              onDragStart(e) {
                m.dragStart({ kind: "strip", sceneKey: key });
                e.dataTransfer?.setData("text/plain", key);
                if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
              },
              onDragEnd: m.dragEnd,
              onMove: () => m.openDialog({ kind: "move", sceneKey: key }),
              onToBoneyard: () => m.toBoneyard(key),
            }}
          />
        );
      })}
    </ol>
  );
}

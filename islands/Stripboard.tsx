import { useModel } from "@preact/signals";
import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import { EmptyState } from "@/components/EmptyState.tsx";
import { useHref } from "@/components/production_path.ts";
import { browserWorld } from "@/components/world.ts";
import { BannerRow } from "@/components/schedule/BannerRow.tsx";
import { Boneyard } from "@/components/schedule/Boneyard.tsx";
import { DaySection } from "@/components/schedule/DaySection.tsx";
import { focusElement, reveal } from "@/components/schedule/board_dom.ts";
import { StripboardModel } from "@/components/schedule/stripboard_model.ts";
import { StripboardToolbar } from "@/components/schedule/StripboardToolbar.tsx";
import type { ScheduleView } from "@/lib/schedule/shared.ts";

/**
 * A module loaded the first time it is `wanted` (the dialogs, the
 * filters): code most visits never run stays out of the page's load.
 */
function useLazy<T>(wanted: boolean, load: () => Promise<T>): T | null {
  const [loaded, setLoaded] = useState<T | null>(null);
  useEffect(() => {
    if (wanted && loaded === null) load().then(setLoaded);
  }, [wanted]);
  return loaded;
}

/**
 * The live stripboard: shooting days with their strips, banners and
 * totals, and the boneyard; the production office edits it by dragging, by
 * keyboard or through each strip's Move… dialog, everyone else watches it
 * change. State and actions are {@linkcode StripboardModel}'s; this renders
 * them and keeps keyboard focus on what is being moved.
 */
export default function Stripboard(props: { initial: ScheduleView }) {
  const m = useModel(() =>
    new StripboardModel(browserWorld(), { initial: props.initial })
  );
  const href = useHref();
  const dialogs = useLazy(
    m.dialog.value !== null,
    () => import("@/components/schedule/StripDialogs.tsx"),
  );
  const [highlight, setHighlight] = useState(false);
  const filters = useLazy(
    highlight,
    () => import("@/components/schedule/BoardFilters.tsx"),
  );

  // Keep focus on the strip or day being moved (it re-mounts in its new
  // place) and give it back after a drop, a cancel or a closed dialog,
  // when focus was lost with the old element.
  useLayoutEffect(() => {
    const held = m.grabbed.value !== null;
    const key = m.focusKey();
    if (key === null) return;
    const el = focusElement(key);
    const lost = document.activeElement === null ||
      document.activeElement === document.body;
    if (el && document.activeElement !== el && (held || lost)) {
      el.focus({ preventScroll: true });
      reveal(el);
    } else if (el && held) reveal(el);
  });

  const view = m.view.value;
  if (view.strips.length === 0) {
    return (
      <EmptyState title="No script yet">
        <p>
          The stripboard is made from the script's scenes.{" "}
          <a href={href("/script")}>Import the script</a>{" "}
          and every scene appears here as a strip.
        </p>
      </EmptyState>
    );
  }
  const canEdit = m.canEdit.value;
  const days = m.days.value;
  const filter = m.filter.value;
  const savedName = view.versionId === null
    ? null
    : view.versions.find((v) => v.id === view.versionId)?.name ??
      "A saved version";

  return (
    <div class="sb">
      {savedName !== null && (
        <p class="notice sb-saved" role="status">
          You are looking at “{savedName}”, read-only.{" "}
          <a href={href("/schedule")}>Open the working schedule</a>
        </p>
      )}
      <StripboardToolbar
        canEdit={canEdit}
        notice={m.notice.value}
        liveNote={m.liveNote.value}
        onAddDay={m.addDay}
        onDismiss={m.dismissNotice}
      >
        <button
          type="button"
          class="button"
          aria-expanded={highlight}
          onClick={() => {
            // Closed, the filters no longer dim anything.
            if (highlight) m.filter.value = {};
            setHighlight(!highlight);
          }}
        >
          Highlight strips…
        </button>
        {highlight && filters && (
          <filters.BoardFilters
            filter={filter}
            cast={view.cast}
            strips={view.strips}
            onChange={(next) => m.filter.value = next}
          />
        )}
      </StripboardToolbar>
      <div class="visually-hidden" role="status" aria-live="assertive">
        {m.announcement.value}
      </div>
      <div class={`sb-layout${m.dragging.value ? " is-dragging" : ""}`}>
        <div class="sb-days">
          {days.length === 0 && (
            <EmptyState title="No shooting days yet">
              <p>
                {canEdit
                  ? "Add a day, then drag strips from the boneyard into it."
                  : "The production office has not planned any shooting days yet."}
              </p>
            </EmptyState>
          )}
          {days.map((day) => <DaySection key={day.number} m={m} day={day} />)}
          {m.after.value.length > 0 && (
            <section class="sb-after" aria-label="After the last day">
              <ol class="sb-rows">
                {m.after.value.map((b) => (
                  <BannerRow
                    key={b.id}
                    banner={b}
                    canEdit={canEdit}
                    dropBefore={false}
                    onEdit={() =>
                      m.openDialog({
                        kind: "banner",
                        day: days.length,
                        banner: b,
                      })}
                    onRemove={() => m.removeBanner(b.id)}
                  />
                ))}
              </ol>
            </section>
          )}
        </div>
        <Boneyard m={m} />
      </div>
      {dialogs && <dialogs.StripDialogs m={m} />}
    </div>
  );
}

import { useHref } from "@/components/production_path.ts";
import { formatEighths } from "@/lib/script/breakdown.ts";
import {
  DAY_NIGHT_SHORT,
  type Strip,
  type StripColors,
  stripStyle,
} from "@/lib/schedule/shared.ts";
import { formatCastIds } from "@/lib/schedule/strips.ts";

/** What a strip shows besides the scene, and what it offers. */
export interface StripState {
  grabbed: boolean;
  flash: boolean;
  /** A filter is on and the strip does not match it. */
  dim: boolean;
  /** In the boneyard and new in the current draft. */
  isNew: boolean;
  /** On a shooting day (not in the boneyard). */
  onDay: boolean;
  canEdit: boolean;
  /** A dragged strip would land right before this one. */
  dropBefore: boolean;
  draggable: boolean;
}

/** The handlers of a strip. */
export interface StripHandlers {
  onKeyDown?: (e: KeyboardEvent) => void;
  onFocus?: (e: FocusEvent) => void;
  onDragStart?: (e: DragEvent) => void;
  onDragEnd?: () => void;
  /** Opens the strip's dialog: move it, or end its day after it. */
  onMove?: () => void;
  onToBoneyard?: () => void;
}

/** "1, 3, 7", then cast without a number by name. */
export function castText(strip: Strip): string {
  return [formatCastIds(strip.castIds), ...strip.unnumberedCast]
    .filter(Boolean).join(", ");
}

/**
 * One strip of the stripboard (server render and island alike): scene
 * number (linked to its breakdown page), INT/EXT and D/N, the set, a line
 * of synopsis, cast ids and pages, on the strip's colour with legible ink.
 */
export function StripRow(
  { strip, colors, state, on }: {
    strip: Strip;
    colors: StripColors;
    state: StripState;
    on: StripHandlers;
  },
) {
  const href = useHref();
  const look = stripStyle(strip, colors);
  const number = strip.number ?? "—";
  const classes = [
    "sb-strip",
    `ink-${look.ink}`,
    strip.omitted ? "is-omitted" : "",
    state.grabbed ? "is-grabbed" : "",
    state.flash ? "is-flashing" : "",
    state.dim ? "is-dim" : "",
    state.dropBefore ? "is-drop-before" : "",
  ].filter(Boolean).join(" ");
  const cast = castText(strip);
  return (
    <li
      class={classes}
      style={`--strip-bg:${look.background}`}
      data-row
      data-scene-key={strip.sceneKey}
      tabIndex={0}
      draggable={state.draggable}
      aria-roledescription="strip"
      aria-describedby={state.canEdit ? "sb-help" : undefined}
      onKeyDown={on.onKeyDown}
      onFocus={on.onFocus}
      onDragStart={on.onDragStart}
      onDragEnd={on.onDragEnd}
    >
      <a
        class="sb-num"
        href={href(
          `/script/${encodeURIComponent(strip.scriptId)}/scenes/${
            encodeURIComponent(strip.sceneId)
          }`,
        )}
        tabIndex={-1}
      >
        <span class="visually-hidden">Scene</span> {number}
      </a>
      <span class="sb-ie">
        {strip.setting ?? "—"}{" "}
        <span title={strip.dayNight}>{DAY_NIGHT_SHORT[strip.dayNight]}</span>
      </span>
      <span class="sb-main">
        <span class="sb-set">{strip.set || "No set"}</span>
        {strip.synopsis && <span class="sb-syn">{strip.synopsis}</span>}
      </span>
      <span class="sb-cast">
        <span class="visually-hidden">Cast</span> {cast || "—"}
      </span>
      <span class="sb-pages">
        {formatEighths(strip.eighths)}
        <span class="visually-hidden">pages</span>
      </span>
      {(strip.omitted || state.isNew || state.grabbed) && (
        <span class="sb-flags">
          {state.grabbed && <span class="sb-flag sb-flag-moving">Moving</span>}
          {strip.omitted && (
            <span class="sb-flag sb-flag-omitted">
              Omitted in the current draft
            </span>
          )}
          {state.isNew && <span class="sb-flag sb-flag-new">New scene</span>}
          {strip.omitted && state.onDay && state.canEdit && (
            <button
              type="button"
              class="button button-small sb-quiet"
              onClick={on.onToBoneyard}
            >
              Move to boneyard
              <span class="visually-hidden">{` scene ${number}`}</span>
            </button>
          )}
        </span>
      )}
      {state.canEdit && (
        <span class="sb-actions">
          <button
            type="button"
            class="button button-small sb-quiet"
            onClick={on.onMove}
          >
            Move…<span class="visually-hidden">{` scene ${number}`}</span>
          </button>
        </span>
      )}
    </li>
  );
}

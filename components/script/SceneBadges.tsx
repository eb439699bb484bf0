import {
  SCENE_CHANGE_LABELS,
  SCENE_STATUS_LABELS,
  type SceneChange,
  type SceneStatus,
} from "@/lib/script/breakdown.ts";
import { STATUS_TONES } from "./model.ts";

/** A scene's breakdown status as a pill: the text says it, colour helps. */
export function SceneStatusPill(
  { status, flash = false }: { status: SceneStatus; flash?: boolean },
) {
  return (
    <span
      class={`status-pill${flash ? " is-flashing" : ""}`}
      data-status={status}
      data-tone={STATUS_TONES[status]}
    >
      {SCENE_STATUS_LABELS[status]}
    </span>
  );
}

const SHORT: Record<SceneChange, string> = {
  added: "New",
  changed: "Changed",
  removed: "Removed",
  unchanged: "",
};

/**
 * How a scene compares with the previous draft ("New", "Changed",
 * "Removed"; nothing when unchanged or in draft 1) and "Needs review" for
 * a changed scene whose breakdown had been approved.
 */
export function ChangeMarks(
  { change, needsReview, firstDraft }: {
    change: SceneChange;
    needsReview: boolean;
    firstDraft: boolean;
  },
) {
  const showChange = change !== "unchanged" &&
    !(firstDraft && change === "added");
  if (!showChange && !needsReview) return null;
  return (
    <span class="change-marks">
      {showChange && (
        <span
          class="change-mark"
          data-change={change}
          title={SCENE_CHANGE_LABELS[change]}
        >
          {SHORT[change]}
          <span class="visually-hidden">
            {` (${SCENE_CHANGE_LABELS[change].toLowerCase()})`}
          </span>
        </span>
      )}
      {needsReview && (
        <span class="change-mark" data-change="review">Needs review</span>
      )}
    </span>
  );
}

import { formatMoney } from "@/lib/budget/money.ts";
import { formatDateTime } from "@/lib/format.ts";
import {
  frameLength,
  frameRange,
  type SceneRef,
  type Shot,
} from "@/lib/vfx/shared.ts";
import { SceneLink } from "./SceneLink.tsx";
import { StatusPill } from "./StatusPill.tsx";

/** A shot's details as a definition list (server render and island alike). */
export function ShotFacts(
  { shot, updatedAt, names, scenes, currency, timeZone, flash }: {
    shot: Shot;
    /** When the shot or one of its versions last changed (`lastChange`). */
    updatedAt: string;
    names: Record<string, string>;
    /** Scenes of the current drafts by key. */
    scenes: Record<string, SceneRef>;
    currency: string;
    /** The production's time zone. */
    timeZone: string;
    /** Highlight the status: it just changed. */
    flash: boolean;
  },
) {
  return (
    <dl class="facts shot-facts">
      <dt>Status</dt>
      <dd data-fact="status">
        <StatusPill status={shot.status} flash={flash} />
      </dd>
      <dt>Frames</dt>
      <dd data-fact="frames">
        <span class="frame-range">
          {frameRange(shot.frameIn, shot.frameOut)}
        </span>{" "}
        <span class="muted">({frameLength(shot.frameIn, shot.frameOut)})</span>
      </dd>
      <dt>Vendor</dt>
      <dd data-fact="vendor">
        {shot.vendor || <span class="muted">No vendor yet</span>}
      </dd>
      <dt>Bid</dt>
      <dd data-fact="bid" class="shot-bid">
        {shot.bidCents > 0
          ? formatMoney(shot.bidCents, currency)
          : <span class="muted">No bid yet</span>}
      </dd>
      <dt>Assignee</dt>
      <dd data-fact="assignee">
        {shot.assigneeId
          ? names[shot.assigneeId] ?? "Unknown"
          : <span class="muted">Unassigned</span>}
      </dd>
      <dt>Scene</dt>
      <dd data-fact="scene">
        <SceneLink
          sceneKey={shot.sceneKey}
          scenes={scenes}
          empty="Not linked"
        />
      </dd>
      <dt>Versions</dt>
      <dd data-fact="versions">{shot.versionCount}</dd>
      <dt>Updated</dt>
      <dd data-fact="updated">
        <time dateTime={updatedAt}>{formatDateTime(updatedAt, timeZone)}</time>
      </dd>
    </dl>
  );
}

import { formatMoney } from "../../lib/budget/money.ts";
import { formatWhen, frameLength, frameRange } from "../../lib/vfx/labels.ts";
import type { Shot } from "../../lib/vfx/schemas.ts";
import { StatusPill } from "./StatusPill.tsx";

/** A shot's details as a definition list (server render and island alike). */
export function ShotFacts(
  { shot, names, currency, flash }: {
    shot: Shot;
    names: Record<string, string>;
    currency: string;
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
        {shot.sceneId ?? <span class="muted">Not linked</span>}
      </dd>
      <dt>Versions</dt>
      <dd data-fact="versions">{shot.versionCount}</dd>
      <dt>Updated</dt>
      <dd data-fact="updated">
        <time dateTime={shot.updatedAt}>{formatWhen(shot.updatedAt)}</time>
      </dd>
    </dl>
  );
}

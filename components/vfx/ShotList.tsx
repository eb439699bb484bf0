import { FlaggedBadge } from "@/components/ripple/FlaggedBadge.tsx";
import { formatMoney } from "@/lib/budget/money.ts";
import {
  frameLength,
  frameRange,
  type SceneRef,
  type Shot,
} from "@/lib/vfx/shared.ts";
import { useHref } from "@/components/production_path.ts";
import { SceneLink } from "./SceneLink.tsx";
import { StatusPill } from "./StatusPill.tsx";
import { SeenBadge } from "@/components/SeenBadge.tsx";

/**
 * The shot table (server render and island alike): code (a link to the
 * shot), scene (number and heading), description, frames, vendor, bid in
 * the production's currency, assignee and status. On phones each row
 * becomes a stacked entry.
 */
export function ShotList(
  { shots, names, scenes, currency, flashing, flagged, seen }: {
    shots: readonly Shot[];
    /** Display names by user id. */
    names: Record<string, string>;
    /** Scenes of the current drafts by key. */
    scenes: Record<string, SceneRef>;
    currency: string;
    /** Ids of rows that just changed (briefly highlighted). */
    flashing: ReadonlySet<string>;
    /** Ids of shots with open script-change flags. */
    flagged?: ReadonlySet<string>;
    /** Shots new or changed since the viewer last looked (lib/last_seen). */
    seen?: Readonly<Record<string, "new" | "changed">>;
  },
) {
  const href = useHref();
  return (
    <div
      class="table-wrap shot-table-wrap"
      role="region"
      aria-label="Shot table"
      tabIndex={0}
    >
      <table class="table shot-table">
        <thead>
          <tr>
            <th scope="col">Shot</th>
            <th scope="col">Scene</th>
            <th scope="col">Description</th>
            <th scope="col" class="num">Frames</th>
            <th scope="col">Vendor</th>
            <th scope="col" class="num">Bid</th>
            <th scope="col">Assignee</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {shots.map((s) => (
            <tr
              key={s.id}
              id={`shot-${s.id}`}
              class={`shot-row${flashing.has(s.id) ? " is-flashing" : ""}`}
              data-shot-id={s.id}
              data-status={s.status}
            >
              <th scope="row" class="shot-code">
                <a href={href(`/vfx/${encodeURIComponent(s.id)}`)}>{s.code}</a>
                {seen?.[s.id] && (
                  <>
                    {" "}
                    <SeenBadge seen={seen[s.id]} />
                  </>
                )}
              </th>
              <td class="shot-scene">
                <SceneLink
                  sceneKey={s.sceneKey}
                  scenes={scenes}
                  empty="No scene"
                />
              </td>
              <td class="shot-description">
                {s.description
                  ? <span title={s.description}>{s.description}</span>
                  : <span class="muted">No description</span>}
              </td>
              <td class="num shot-frames">
                <span class="frame-range">
                  {frameRange(s.frameIn, s.frameOut)}
                </span>
                <span class="frame-length muted">
                  {frameLength(s.frameIn, s.frameOut)}
                </span>
              </td>
              <td class="shot-vendor">
                {s.vendor || <span class="muted">No vendor</span>}
              </td>
              <td class="num shot-bid">
                {s.bidCents > 0
                  ? formatMoney(s.bidCents, currency)
                  : <span class="muted">No bid</span>}
              </td>
              <td class="shot-assignee">
                {s.assigneeId
                  ? names[s.assigneeId] ?? "Unknown"
                  : <span class="muted">Unassigned</span>}
              </td>
              <td class="shot-status">
                <StatusPill status={s.status} />
                {flagged?.has(s.id) && (
                  <>
                    {" "}
                    <FlaggedBadge />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

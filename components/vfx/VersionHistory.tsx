import { formatDateTime } from "@/lib/format.ts";
import {
  DECISION_LABELS,
  type Shot,
  type ShotVersion,
  STATUS_LABELS,
} from "@/lib/vfx/shared.ts";
import { useHref } from "@/components/production_path.ts";

/**
 * A shot's versions, newest first: number, notes, who submitted it and
 * when, and the review (decision, reviewer, note) or that it awaits one.
 */
export function VersionHistory(
  { shot, versions, files, timeZone, flashing }: {
    shot: Shot;
    /** The production's time zone. */
    timeZone: string;
    /** Names of library files, to label a version's attachment. */
    files: { id: string; name: string }[];
    /** Oldest first, as the API lists them. */
    versions: readonly ShotVersion[];
    /** Numbers of versions that just changed. */
    flashing: ReadonlySet<number>;
  },
) {
  const href = useHref();
  if (versions.length === 0) {
    return (
      <p class="muted version-empty">
        No versions yet. The first one goes to the director and producer for
        review.
      </p>
    );
  }
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return (
    <ol class="version-list" reversed>
      {newestFirst.map((v) => {
        const waiting = v.review === null && v.number === shot.versionCount &&
          shot.status === "pending_review";
        return (
          <li
            key={v.number}
            id={`v${v.number}`}
            class={`version${flashing.has(v.number) ? " is-flashing" : ""}`}
            data-version={v.number}
            data-review={v.review?.decision ?? (waiting ? "pending" : "none")}
          >
            <div class="version-head">
              <span class="version-number">v{v.number}</span>
              <span class="version-by">
                Submitted by <strong>{v.submittedByName}</strong>
                <span class="muted">
                  {" · "}
                  <time dateTime={v.createdAt}>
                    {formatDateTime(v.createdAt, timeZone)}
                  </time>
                </span>
              </span>
            </div>
            {v.notes
              ? <p class="version-notes">{v.notes}</p>
              : <p class="version-notes muted">No notes.</p>}
            {v.assetId && (
              <p class="version-file">
                File:{" "}
                <a href={href(`/api/assets/${v.assetId}/content`)}>
                  {files.find((f) => f.id === v.assetId)?.name ?? "download"}
                </a>
              </p>
            )}
            {v.review
              ? (
                <div class="version-review" data-decision={v.review.decision}>
                  <p class="review-head">
                    <span
                      class="status-pill"
                      data-tone={v.review.decision === "approve"
                        ? "approved"
                        : "changes"}
                    >
                      {DECISION_LABELS[v.review.decision]}
                    </span>{" "}
                    by <strong>{v.review.byName}</strong>
                    <span class="muted">
                      {" · "}
                      <time dateTime={v.review.at}>
                        {formatDateTime(v.review.at, timeZone)}
                      </time>
                    </span>
                  </p>
                  {v.review.note && <p class="review-note">{v.review.note}</p>}
                </div>
              )
              : (
                <p class="version-review is-open">
                  <span
                    class="status-pill"
                    data-tone={waiting ? "review" : "idle"}
                  >
                    {waiting ? STATUS_LABELS.pending_review : "Not reviewed"}
                  </span>
                </p>
              )}
          </li>
        );
      })}
    </ol>
  );
}

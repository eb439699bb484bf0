import { EmptyState } from "@/components/EmptyState.tsx";
import { useHref } from "@/components/production_path.ts";
import { formatDateTime } from "@/lib/format.ts";
import type { ScheduleVersionMeta } from "@/lib/schedule/shared.ts";
import { countsText, lockedText } from "./model.ts";

/**
 * The saved versions, newest first: name, who saved it when, what it
 * holds, the locked one marked as the shooting schedule; each opens
 * read-only on the stripboard and the day out of days; editors lock,
 * unlock and delete (never the locked one).
 */
export function VersionList(
  { versions, canEdit, canLock, timeZone, busyId, flashing, onLock, onDelete }:
    {
      versions: readonly ScheduleVersionMeta[];
      canEdit: boolean;
      canLock: boolean;
      timeZone: string;
      /** The version an action is under way on. */
      busyId: string | null;
      /** Versions just changed, highlighted for a moment. */
      flashing: ReadonlySet<string>;
      onLock: (meta: ScheduleVersionMeta, locked: boolean) => void;
      onDelete: (meta: ScheduleVersionMeta) => void;
    },
) {
  const href = useHref();
  if (versions.length === 0) {
    return (
      <EmptyState title="No saved version yet">
        <p>
          {canEdit
            ? "Save the working schedule to keep a copy of it as it is now."
            : "The production office saves versions of the schedule here."}
        </p>
      </EmptyState>
    );
  }
  return (
    <ul class="version-list">
      {versions.map((v) => {
        const q = `?version=${encodeURIComponent(v.id)}`;
        const busy = busyId === v.id;
        return (
          <li
            key={v.id}
            class={`version-item${v.locked ? " is-locked" : ""}${
              flashing.has(v.id) ? " is-flashing" : ""
            }`}
            data-version={v.id}
          >
            <div class="version-main">
              <h3 class="version-name">{v.name}</h3>
              {v.locked && (
                <p class="version-lock">{lockedText(v, timeZone)}</p>
              )}
              <p class="muted version-meta">
                Saved by {v.createdByName || "someone"} on{" "}
                {formatDateTime(v.createdAt, timeZone)} · {countsText(v)}
              </p>
            </div>
            <div class="version-actions">
              <a class="button" href={href(`/schedule${q}`)}>
                Open<span class="visually-hidden">{` ${v.name}`}</span>
              </a>
              <a class="button button-quiet" href={href(`/schedule/dood${q}`)}>
                Day out of days
                <span class="visually-hidden">{` of ${v.name}`}</span>
              </a>
              {canLock && (
                <button
                  type="button"
                  class="button"
                  disabled={busy}
                  onClick={() => onLock(v, !v.locked)}
                >
                  {v.locked ? "Unlock" : "Lock"}
                  <span class="visually-hidden">{` ${v.name}`}</span>
                </button>
              )}
              {canEdit && !v.locked && (
                <button
                  type="button"
                  class="button version-delete"
                  disabled={busy}
                  onClick={() => onDelete(v)}
                >
                  Delete<span class="visually-hidden">{` ${v.name}`}</span>
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

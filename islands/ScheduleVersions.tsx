import { useSignal } from "@preact/signals";
import { failureText, send } from "@/components/api.ts";
import { useFlash } from "@/components/use_flash.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { CompareBoards } from "@/components/schedule/versions/CompareBoards.tsx";
import {
  isVersionAction,
  versionEventText,
  withVersionEvent,
} from "@/components/schedule/versions/model.ts";
import { SaveVersionForm } from "@/components/schedule/versions/SaveVersionForm.tsx";
import { VersionList } from "@/components/schedule/versions/VersionList.tsx";
import type {
  BoardComparison,
  ScheduleVersionMeta,
} from "@/lib/schedule/shared.ts";

/**
 * Saved versions of the schedule: the list (live as the production office
 * saves, locks, unlocks and deletes), saving the working board (editors),
 * and comparing any two boards (everyone who reads the schedule).
 */
export default function ScheduleVersions(
  { initial, canEdit, canLock, timeZone, pair, comparison }: {
    initial: ScheduleVersionMeta[];
    canEdit: boolean;
    canLock: boolean;
    timeZone: string;
    /** The boards the comparison starts with. */
    pair: { a: string; b: string };
    /** The server's comparison of `pair` when the address asked for one. */
    comparison: BoardComparison | null;
  },
) {
  const versions = useSignal(initial);
  const picked = useSignal(pair);
  const announcement = useSignal("");
  const error = useSignal<string | null>(null);
  const busyId = useSignal<string | null>(null);
  const { flashing, flash } = useFlash(2_000);

  const reload = async () => {
    try {
      versions.value = await send<ScheduleVersionMeta[]>(
        "GET",
        "/api/schedule/versions",
      );
    } catch (failure) {
      error.value = failureText(failure, "Could not reload the versions");
    }
  };
  useRealtime("schedule_update", (event) => {
    const data = event.data as {
      action: string;
      versionMeta?: ScheduleVersionMeta;
      by?: { id: string; name: string };
    };
    if (!isVersionAction(data.action) || !data.versionMeta) return;
    versions.value = withVersionEvent(
      versions.value,
      data.action,
      data.versionMeta,
    );
    if (data.action !== "version_deleted") flash(data.versionMeta.id);
    announcement.value = versionEventText(
      data.action,
      data.versionMeta,
      data.by?.name ?? "",
    );
  }, reload);

  const act = async (
    meta: ScheduleVersionMeta,
    run: () => Promise<void>,
    fallback: string,
  ) => {
    busyId.value = meta.id;
    error.value = null;
    try {
      await run();
    } catch (failure) {
      error.value = failureText(failure, fallback);
      void reload();
    } finally {
      busyId.value = null;
    }
  };
  const lock = (meta: ScheduleVersionMeta, locked: boolean) =>
    act(meta, async () => {
      const after = await send<ScheduleVersionMeta>(
        "PATCH",
        `/api/schedule/versions/${encodeURIComponent(meta.id)}`,
        { locked },
      );
      // The event unlocks any other; this answer is the version itself.
      versions.value = withVersionEvent(
        versions.value,
        locked ? "version_locked" : "version_unlocked",
        after,
      );
    }, locked ? "Could not lock the version" : "Could not unlock the version");
  const remove = (meta: ScheduleVersionMeta) => {
    if (!confirm(`Delete the version “${meta.name}”? This cannot be undone.`)) {
      return;
    }
    return act(meta, async () => {
      await send(
        "DELETE",
        `/api/schedule/versions/${encodeURIComponent(meta.id)}`,
      );
      versions.value = withVersionEvent(
        versions.value,
        "version_deleted",
        meta,
      );
    }, "Could not delete the version");
  };

  return (
    <div class="schedule-versions">
      <p class="visually-hidden" aria-live="polite">{announcement.value}</p>
      {canEdit && (
        <SaveVersionForm
          canLock={canLock}
          onSaved={(meta) => {
            versions.value = withVersionEvent(
              versions.value,
              "version_saved",
              meta,
            );
            flash(meta.id);
            announcement.value = `Saved “${meta.name}”`;
          }}
        />
      )}
      <section class="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Saved versions</h2>
        {error.value && <p class="form-error" role="alert">{error.value}</p>}
        <VersionList
          versions={versions.value}
          canEdit={canEdit}
          canLock={canLock}
          timeZone={timeZone}
          busyId={busyId.value}
          flashing={flashing.value}
          onLock={(meta, locked) => void lock(meta, locked)}
          onDelete={(meta) => void remove(meta)}
        />
      </section>
      <CompareBoards
        versions={versions.value}
        pair={picked}
        initial={comparison}
      />
    </div>
  );
}

import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useRef } from "preact/hooks";
import { type ApiFailure, send } from "@/components/api.ts";
import { EmptyState } from "@/components/EmptyState.tsx";
import { AssetTile, IncomingTile } from "@/components/assets/AssetTile.tsx";
import {
  applyAssetUpdate,
  type AssetFilters,
  type AssetViewer,
  canDelete,
  deleteErrorText,
  filterQuery,
  matches,
  removeAsset,
  uploadErrorText,
  upsertAsset,
} from "@/components/assets/model.ts";
import {
  isFinished,
  type QueueItem,
  UploadPanel,
} from "@/components/assets/UploadPanel.tsx";
import {
  renewSession,
  uploadFile,
  type UploadHandle,
} from "@/components/assets/upload.ts";
import { useFlash } from "@/components/use_flash.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { formatBytes } from "@/lib/assets/shared.ts";
import type { Asset, AssetCategory } from "@/lib/assets/shared.ts";
import { getRealtimeClient } from "@/realtime/client.ts";

/** How long a newly arrived file stays highlighted. */
const FRESH_MS = 6_000;

interface Notice {
  kind: "ok" | "error";
  text: string;
}

/**
 * The production's file library, live: uploads with real progress (one
 * file after another, cancellable), the files as tiles with download and
 * delete, and everyone's uploads and deletions as they happen.
 */
export default function AssetLibrary(props: {
  initial: Asset[];
  viewer: AssetViewer;
  filters: AssetFilters;
  /** The server's upload limit in bytes. */
  maxBytes: number;
  canUpload: boolean;
  /** The production's time zone. */
  timeZone: string;
}) {
  const { viewer, filters, maxBytes } = props;
  const assets = useSignal<Asset[]>(props.initial);
  const queue = useSignal<QueueItem[]>([]);
  const category = useSignal<AssetCategory | "">(filters.category ?? "");
  const hydrated = useHydrated();
  const { flashing: fresh, flash: highlight } = useFlash(FRESH_MS);
  const deleting = useSignal<ReadonlySet<string>>(new Set());
  const notice = useSignal<Notice | null>(null);
  const announcement = useSignal("");
  // Deleted while an answer was on its way: never shown again.
  const gone = useRef(new Set<string>()).current;
  const files = useRef(
    new Map<
      string,
      { file: File; category: AssetCategory | undefined; renewed?: boolean }
    >(),
  ).current;
  const active = useRef<{ key: string; handle: UploadHandle } | null>(null);
  const counter = useRef(0);

  const setDeleting = (id: string, on: boolean) => {
    const next = new Set(deleting.value);
    if (on) next.add(id);
    else next.delete(id);
    deleting.value = next;
  };
  const update = (key: string, patch: Partial<QueueItem>) => {
    queue.value = queue.value.map((item) =>
      item.key === key ? { ...item, ...patch } : item
    );
  };

  useRealtime("asset_update", (event) => {
    const { action, asset } = event.data;
    const known = assets.value.some((a) => a.id === asset.id);
    if (action === "deleted") gone.add(asset.id);
    assets.value = applyAssetUpdate(assets.value, event.data, filters, gone);
    if (action === "uploaded" && !known && matches(asset, filters)) {
      highlight(asset.id);
      if (asset.uploaderId !== viewer.id) {
        announcement.value = `${asset.uploaderName} uploaded ${asset.name}.`;
      }
    } else if (action === "deleted" && known) {
      if (!deleting.value.has(asset.id)) {
        announcement.value = `${asset.name} was deleted.`;
      }
    }
  }, async () => {
    try {
      const list = await send<Asset[]>(
        "GET",
        `/api/assets${filterQuery(filters)}`,
      );
      assets.value = list.filter((a) => !gone.has(a.id));
    } catch {
      notice.value = {
        kind: "error",
        text: "The file list could not be reloaded. Refresh the page.",
      };
    }
  });

  useEffect(() => {
    if (!IS_BROWSER) return;
    // A file dropped beside the drop zone must not replace the page (and
    // end the uploads running in it).
    const guard = (e: DragEvent) => {
      if ([...(e.dataTransfer?.types ?? [])].includes("Files")) {
        e.preventDefault();
      }
    };
    const leaving = (e: BeforeUnloadEvent) => {
      if (active.current !== null) e.preventDefault();
    };
    addEventListener("dragover", guard);
    addEventListener("drop", guard);
    addEventListener("beforeunload", leaving);
    return () => {
      removeEventListener("dragover", guard);
      removeEventListener("drop", guard);
      removeEventListener("beforeunload", leaving);
      active.current?.handle.abort();
    };
  }, []);

  // ---- Uploads ---------------------------------------------------------

  function enqueue(chosen: File[]) {
    const added: QueueItem[] = [];
    for (const file of chosen) {
      const key = `u${++counter.current}`;
      const item: QueueItem = {
        key,
        name: file.name,
        size: file.size,
        status: "queued",
        sent: 0,
        total: file.size,
        message: null,
      };
      // Refused here already: no point sending what the server refuses.
      if (file.size > maxBytes) {
        item.status = "failed";
        item.message = uploadErrorText({ status: 413 }, file.name, maxBytes);
      } else if (file.size === 0) {
        item.status = "failed";
        item.message = `${file.name} is empty: there is nothing to upload.`;
      } else {
        files.set(key, { file, category: category.value || undefined });
      }
      added.push(item);
    }
    queue.value = [...queue.value, ...added];
    notice.value = null;
    pump();
  }

  function pump() {
    if (active.current !== null) return;
    const next = queue.value.find((item) => item.status === "queued");
    if (next === undefined) return;
    const entry = files.get(next.key);
    if (entry === undefined) {
      update(next.key, { status: "cancelled" });
      pump();
      return;
    }
    const { key } = next;
    update(key, { status: "uploading", sent: 0, total: entry.file.size });
    const handle = uploadFile(
      entry.file,
      { name: entry.file.name, category: entry.category },
      (sent, total) => {
        update(key, {
          sent,
          total,
          status: sent >= total ? "processing" : "uploading",
        });
      },
    );
    active.current = { key, handle };
    handle.done.then(async (outcome) => {
      if (
        outcome.kind === "failed" && outcome.failure.status === 401 &&
        !entry.renewed && await renewSession()
      ) {
        // The session had lapsed: renewed, the same file goes again.
        entry.renewed = true;
        active.current = null;
        update(key, { status: "queued", sent: 0 });
        pump();
        return;
      }
      active.current = null;
      files.delete(key);
      if (outcome.kind === "stored") {
        const { asset } = outcome;
        const shown = !gone.has(asset.id) && matches(asset, filters);
        update(key, {
          status: "done",
          sent: asset.size,
          total: asset.size,
          message: shown
            ? null
            : "Uploaded; the filters hide it from this list",
        });
        if (shown) {
          const known = assets.value.some((a) => a.id === asset.id);
          assets.value = upsertAsset(assets.value, asset);
          if (!known) highlight(asset.id);
        }
        announcement.value = `${asset.name} uploaded.`;
      } else if (outcome.kind === "failed") {
        const message = uploadErrorText(outcome.failure, next.name, maxBytes);
        update(key, { status: "failed", message });
      } else {
        update(key, { status: "cancelled" });
        announcement.value = `Upload of ${next.name} cancelled.`;
      }
      pump();
    });
  }

  function cancel(key: string) {
    if (active.current?.key === key) {
      active.current.handle.abort(); // the outcome marks it cancelled
      return;
    }
    files.delete(key);
    update(key, { status: "cancelled" });
  }

  // ---- Delete ----------------------------------------------------------

  async function remove(asset: Asset, e: SubmitEvent) {
    e.preventDefault();
    if (!confirm(`Delete ${asset.name}? It is removed for everyone.`)) return;
    setDeleting(asset.id, true);
    const url = `/api/assets/${encodeURIComponent(asset.id)}`;
    try {
      await send("DELETE", url, undefined, asset.version).catch(
        async (error: ApiFailure) => {
          // The session had lapsed: renew it once and try again.
          if (error.status !== 401 || !await renewSession()) throw error;
          return await send("DELETE", url, undefined, asset.version);
        },
      );
      gone.add(asset.id);
      assets.value = removeAsset(assets.value, asset.id);
      notice.value = { kind: "ok", text: `Deleted ${asset.name}.` };
    } catch (error) {
      const failure = error as ApiFailure;
      if (failure.status === 404) {
        gone.add(asset.id);
        assets.value = removeAsset(assets.value, asset.id);
        notice.value = {
          kind: "ok",
          text: `${asset.name} had already been deleted.`,
        };
      } else {
        notice.value = {
          kind: "error",
          text: deleteErrorText(failure, asset.name),
        };
      }
    } finally {
      setDeleting(asset.id, false);
    }
  }

  // ---- View ------------------------------------------------------------

  const list = assets.value;
  const totalBytes = list.reduce((n, a) => n + a.size, 0);
  // Others' uploads in progress (the hub's ephemeral frames). Their
  // category is not known yet, so a category filter hides them.
  const client = IS_BROWSER && hydrated ? getRealtimeClient() : null;
  const me = client?.user.value?.id ?? viewer.id;
  const incoming = client === null || filters.category !== undefined
    ? []
    : Object.values(client.uploads.value).filter((u) =>
      u.uploader.id !== me &&
      (filters.uploader === undefined || u.uploader.id === filters.uploader)
    );
  const filtered = filters.category !== undefined ||
    filters.uploader !== undefined;

  return (
    <div class="assets">
      {props.canUpload && (
        <UploadPanel
          queue={queue.value}
          category={category.value}
          maxBytes={maxBytes}
          enabled={hydrated}
          onCategory={(c) => category.value = c}
          onFiles={enqueue}
          onCancel={cancel}
          onClearFinished={() =>
            queue.value = queue.value.filter((item) => !isFinished(item))}
        />
      )}
      {notice.value && (
        <p
          class={`${
            notice.value.kind === "ok" ? "notice" : "form-error"
          } assets-notice`}
          role={notice.value.kind === "ok" ? "status" : "alert"}
        >
          {notice.value.text}
        </p>
      )}
      <div class="visually-hidden" role="status" aria-live="polite">
        {announcement.value}
      </div>
      <section class="asset-library" aria-labelledby="files-title">
        <div class="asset-list-head">
          <h2 id="files-title">{filtered ? "Matching files" : "All files"}</h2>
          <p class="muted asset-count">
            {list.length === 1 ? "1 file" : `${list.length} files`}
            {list.length > 0 && ` · ${formatBytes(totalBytes)}`}
          </p>
        </div>
        {list.length === 0 && incoming.length === 0
          ? (
            <EmptyState
              title={filtered ? "No files match these filters" : "No files yet"}
            >
              <p>
                {filtered
                  ? "Try another category or uploader, or clear the filters."
                  : "Upload the first script, storyboard or call sheet above."}
              </p>
            </EmptyState>
          )
          : (
            <ul class="asset-grid">
              {incoming.map((u) => (
                <IncomingTile
                  key={`incoming-${u.uploadId}`}
                  name={u.name}
                  uploaderName={u.uploader.name}
                  bytes={u.bytes}
                  total={u.total}
                />
              ))}
              {list.map((asset) => (
                <AssetTile
                  key={asset.id}
                  asset={asset}
                  deletable={canDelete(viewer, asset)}
                  deleting={deleting.value.has(asset.id)}
                  fresh={fresh.value.has(asset.id)}
                  timeZone={props.timeZone}
                  onDelete={remove}
                />
              ))}
            </ul>
          )}
      </section>
    </div>
  );
}

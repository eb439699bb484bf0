import { useModel } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect } from "preact/hooks";
import { EmptyState } from "@/components/EmptyState.tsx";
import { AssetTile, IncomingTile } from "@/components/assets/AssetTile.tsx";
import { LibraryModel } from "@/components/assets/library_model.ts";
import {
  type AssetFilters,
  type AssetViewer,
  canDelete,
} from "@/components/assets/model.ts";
import { UploadPanel } from "@/components/assets/UploadPanel.tsx";
import { renewSession, uploadFile } from "@/components/assets/upload.ts";
import { useFlaggedIds } from "@/components/ripple/use_flagged_ids.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { browserWorld } from "@/components/world.ts";
import { type Asset, formatBytes } from "@/lib/assets/shared.ts";

/**
 * The production's file library, live: uploads with real progress (one
 * file after another, cancellable), the files as tiles with download and
 * delete, and everyone's uploads and deletions as they happen. State and
 * actions live in `LibraryModel`.
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
  /** Files with open script-change flags. */
  flagged: string[];
}) {
  const model = useModel(() =>
    new LibraryModel(
      { ...browserWorld(), upload: uploadFile, renewSession },
      props,
    )
  );
  const hydrated = useHydrated();
  const flagged = useFlaggedIds("asset", props.flagged);
  const { filters, viewer } = props;

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
      if (model.uploads.uploading.value !== null) e.preventDefault();
    };
    addEventListener("dragover", guard);
    addEventListener("drop", guard);
    addEventListener("beforeunload", leaving);
    return () => {
      removeEventListener("dragover", guard);
      removeEventListener("drop", guard);
      removeEventListener("beforeunload", leaving);
    };
  }, []);

  const remove = (asset: Asset, e: SubmitEvent) => {
    e.preventDefault();
    model.remove(asset);
  };

  const list = model.assets.value;
  const notice = model.notice.value;
  // The server rendered none: the first render in the browser matches it.
  const incoming = hydrated ? model.incoming.value : [];
  const filtered = filters.category !== undefined ||
    filters.uploader !== undefined;

  return (
    <div class="assets">
      {props.canUpload && (
        <UploadPanel
          queue={model.uploads.items.value}
          category={model.category.value}
          maxBytes={props.maxBytes}
          enabled={hydrated}
          onCategory={(c) => model.category.value = c}
          onFiles={model.enqueue}
          onCancel={model.uploads.cancel}
          onClearFinished={model.uploads.clearFinished}
        />
      )}
      {notice && (
        <p
          class={`${
            notice.kind === "ok" ? "notice" : "form-error"
          } assets-notice`}
          role={notice.kind === "ok" ? "status" : "alert"}
        >
          {notice.text}
        </p>
      )}
      <div class="visually-hidden" role="status" aria-live="polite">
        {model.announcement.value}
      </div>
      <section class="asset-library" aria-labelledby="files-title">
        <div class="asset-list-head">
          <h2 id="files-title">{filtered ? "Matching files" : "All files"}</h2>
          <p class="muted asset-count">
            {list.length === 1 ? "1 file" : `${list.length} files`}
            {list.length > 0 && ` · ${formatBytes(model.totalBytes.value)}`}
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
                  deleting={model.deleting.value.has(asset.id)}
                  fresh={model.fresh.value.has(asset.id)}
                  timeZone={props.timeZone}
                  flagged={flagged.value.has(asset.id)}
                  onDelete={remove}
                />
              ))}
            </ul>
          )}
      </section>
    </div>
  );
}

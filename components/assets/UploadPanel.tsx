import { useSignal } from "@preact/signals";
import {
  ACCEPT_HINT,
  ACCEPTED_TYPES_TEXT,
  CATEGORY_LABELS,
  CATEGORY_ORDER,
  formatBytes,
} from "@/lib/assets/shared.ts";
import type { AssetCategory } from "@/lib/assets/shared.ts";
import { percentOf } from "./model.ts";

/** Where one file of the upload queue is. */
export type QueueStatus =
  | "queued"
  | "uploading"
  | "processing"
  | "done"
  | "failed"
  | "cancelled";

/** One file in the upload queue. */
export interface QueueItem {
  key: string;
  name: string;
  size: number;
  status: QueueStatus;
  /** Bytes sent so far, of `total`. */
  sent: number;
  total: number;
  /** Why it failed, or a note on a finished upload. */
  message: string | null;
}

/** The bar's value: 100 only once the server has stored the file. */
export function progressOf(item: QueueItem): number {
  if (item.status === "done") return 100;
  if (item.status === "processing") return 99;
  return Math.min(99, percentOf(item.sent, item.total || item.size));
}

const FINISHED: ReadonlySet<QueueStatus> = new Set([
  "done",
  "failed",
  "cancelled",
]);

/** Whether the item is over (stored, refused or cancelled). */
export function isFinished(item: QueueItem): boolean {
  return FINISHED.has(item.status);
}

function statusText(item: QueueItem, value: number): string {
  switch (item.status) {
    case "queued":
      return "Waiting for the files before it";
    case "uploading":
      return `${value}% · ${formatBytes(item.sent)} of ${
        formatBytes(item.total || item.size)
      }`;
    case "processing":
      return "Storing…";
    case "done":
      return item.message ?? "Uploaded";
    case "cancelled":
      return "Cancelled: nothing was stored";
    case "failed":
      return item.message ?? "Not uploaded";
  }
}

/**
 * The upload control: a file picker (a real, focusable file input behind a
 * button-styled label), a drop zone, the optional category, and the queue
 * of files with progress bars, cancel buttons and errors.
 */
export function UploadPanel(
  {
    queue,
    category,
    maxBytes,
    enabled,
    onCategory,
    onFiles,
    onCancel,
    onClearFinished,
  }: {
    queue: readonly QueueItem[];
    category: AssetCategory | "";
    maxBytes: number;
    /** False until the island runs: uploads need JavaScript. */
    enabled: boolean;
    onCategory: (category: AssetCategory | "") => void;
    onFiles: (files: File[]) => void;
    onCancel: (key: string) => void;
    onClearFinished: () => void;
  },
) {
  const dragging = useSignal(false);
  const finished = queue.filter(isFinished).length;
  const hasFiles = (e: DragEvent) =>
    [...(e.dataTransfer?.types ?? [])].includes("Files");
  return (
    <section class="card upload-panel" aria-labelledby="upload-title">
      <div class="card-head">
        <div>
          <h2 id="upload-title">Upload files</h2>
          <p class="card-sub muted" id="upload-hint">
            Up to {formatBytes(maxBytes)} each: {ACCEPTED_TYPES_TEXT}.
          </p>
        </div>
        <label class="field upload-category">
          <span>Category</span>
          <select
            id="upload-category"
            value={category}
            disabled={!enabled}
            onChange={(e) =>
              onCategory(
                (e.currentTarget as HTMLSelectElement).value as
                  | AssetCategory
                  | "",
              )}
          >
            <option value="">From the file type</option>
            {CATEGORY_ORDER.map((c) => (
              <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>
            ))}
          </select>
        </label>
      </div>
      <div
        class={`drop-zone${dragging.value ? " is-dragging" : ""}`}
        onDragEnter={(e) => {
          if (!enabled || !hasFiles(e)) return;
          e.preventDefault();
          dragging.value = true;
        }}
        onDragOver={(e) => {
          if (!enabled || !hasFiles(e)) return;
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
          dragging.value = true;
        }}
        onDragLeave={(e) => {
          const zone = e.currentTarget as HTMLElement;
          if (!zone.contains(e.relatedTarget as Node | null)) {
            dragging.value = false;
          }
        }}
        onDrop={(e) => {
          dragging.value = false;
          if (!enabled || !hasFiles(e)) return;
          e.preventDefault();
          onFiles([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <input
          id="asset-files"
          class="drop-input"
          type="file"
          multiple
          accept={ACCEPT_HINT}
          disabled={!enabled}
          aria-describedby="upload-hint"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const files = [...(input.files ?? [])];
            input.value = ""; // the same file may be chosen again
            if (files.length > 0) onFiles(files);
          }}
        />
        <label for="asset-files" class="button button-primary drop-button">
          Choose files
        </label>
        <p class="drop-text">
          {enabled
            ? "or drop them here. Several files upload one after another."
            : "Uploading needs JavaScript; it starts once the page has loaded."}
        </p>
      </div>
      {queue.length > 0 && (
        <div class="upload-queue-wrap">
          <div class="upload-queue-head">
            <h3 class="upload-queue-title">
              Your uploads{" "}
              <span class="muted">
                {queue.length - finished} of {queue.length} to go
              </span>
            </h3>
            {finished > 0 && (
              <button
                type="button"
                class="button button-quiet button-small"
                onClick={onClearFinished}
              >
                Clear finished
              </button>
            )}
          </div>
          <ol class="upload-queue">
            {queue.map((item) => {
              const value = progressOf(item);
              const running = item.status === "uploading" ||
                item.status === "processing";
              const text = statusText(item, value);
              return (
                <li
                  key={item.key}
                  class="upload-item"
                  data-status={item.status}
                >
                  <div class="upload-item-head">
                    <span class="upload-name">{item.name}</span>
                    <span class="upload-size muted">
                      {formatBytes(item.size)}
                    </span>
                  </div>
                  {(running || item.status === "done") && (
                    <div
                      class="upload-bar"
                      role="progressbar"
                      aria-label={`Upload of ${item.name}`}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={value}
                      aria-valuetext={item.status === "done"
                        ? "Uploaded"
                        : `${value}%`}
                    >
                      <span
                        class="upload-bar-fill"
                        style={{ width: `${value}%` }}
                      />
                    </div>
                  )}
                  <div class="upload-item-foot">
                    {item.status === "failed"
                      ? <p class="upload-error" role="alert">{text}</p>
                      : <p class="upload-status">{text}</p>}
                    {(running || item.status === "queued") && (
                      <button
                        type="button"
                        class="button button-quiet button-small upload-cancel"
                        aria-label={`Cancel the upload of ${item.name}`}
                        onClick={() => onCancel(item.key)}
                      >
                        Cancel
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}

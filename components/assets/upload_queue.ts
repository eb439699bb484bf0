/**
 * The upload queue of the library model: files sent one after another
 * with their progress, refused here when the server would refuse them
 * (too large, empty), cancellable, and sent again once after a lapsed
 * session is renewed.
 *
 * @module
 */
import { effect, type ReadonlySignal, signal } from "@preact/signals";
import type { Asset, AssetCategory } from "@/lib/assets/shared.ts";
import type { World } from "@/components/world.ts";
import { uploadErrorText } from "./model.ts";
import type { uploadFile, UploadHandle } from "./upload.ts";
import { isFinished, type QueueItem } from "./UploadPanel.tsx";

/** What the queue needs beyond the world every model gets. */
export interface UploadWorld extends World {
  /** Sends a file ({@linkcode uploadFile}). */
  upload: typeof uploadFile;
  /** Renews a lapsed session; resolves to whether it worked. */
  renewSession(): Promise<boolean>;
}

/** The queue's state and actions. */
export interface UploadQueue {
  items: ReadonlySignal<QueueItem[]>;
  /** The key of the file being sent, if any. */
  uploading: ReadonlySignal<string | null>;
  /** Adds files (in the category chosen now) and starts sending. */
  enqueue(chosen: File[]): void;
  /** Stops a file: aborts it when under way, else takes it out. */
  cancel(key: string): void;
  /** Takes the finished uploads off the queue. */
  clearFinished(): void;
}

/** A file waiting in the queue, with the category chosen when added. */
interface Pending {
  file: File;
  category: AssetCategory | undefined;
  renewed?: boolean;
}

/**
 * The queue, in a model's factory (disposing the model aborts the upload
 * under way). `stored` puts a stored file into the list and answers
 * whether the list shows it; `say` announces.
 */
export function createUploadQueue(world: UploadWorld, page: {
  maxBytes: number;
  category: ReadonlySignal<AssetCategory | "">;
  stored: (asset: Asset) => boolean;
  say: (text: string) => void;
}): UploadQueue {
  const { maxBytes, say } = page;
  const items = signal<QueueItem[]>([]);
  const uploading = signal<string | null>(null);
  const files = new Map<string, Pending>();
  let active: UploadHandle | null = null;
  let counter = 0;
  // Leaving the page ends the upload under way.
  effect(() => () => active?.abort());

  const update = (key: string, patch: Partial<QueueItem>) => {
    items.value = items.value.map((item) =>
      item.key === key ? { ...item, ...patch } : item
    );
  };

  function enqueue(chosen: File[]) {
    const added: QueueItem[] = [];
    for (const file of chosen) {
      const key = `u${++counter}`;
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
        files.set(key, { file, category: page.category.value || undefined });
      }
      added.push(item);
    }
    items.value = [...items.value, ...added];
    pump();
  }

  function pump() {
    if (active !== null) return;
    const next = items.value.find((item) => item.status === "queued");
    if (next === undefined) return;
    const entry = files.get(next.key);
    if (entry === undefined) {
      update(next.key, { status: "cancelled" });
      pump();
      return;
    }
    const { key } = next;
    update(key, { status: "uploading", sent: 0, total: entry.file.size });
    const handle = world.upload(
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
    active = handle;
    uploading.value = key;
    handle.done.then(async (outcome) => {
      if (
        outcome.kind === "failed" && outcome.failure.status === 401 &&
        !entry.renewed && await world.renewSession()
      ) {
        // The session had lapsed: renewed, the same file goes again.
        entry.renewed = true;
        active = null;
        uploading.value = null;
        update(key, { status: "queued", sent: 0 });
        pump();
        return;
      }
      active = null;
      uploading.value = null;
      files.delete(key);
      if (outcome.kind === "stored") {
        const { asset } = outcome;
        const shown = page.stored(asset);
        update(key, {
          status: "done",
          sent: asset.size,
          total: asset.size,
          message: shown
            ? null
            : "Uploaded; the filters hide it from this list",
        });
        say(`${asset.name} uploaded.`);
      } else if (outcome.kind === "failed") {
        const message = uploadErrorText(outcome.failure, next.name, maxBytes);
        update(key, { status: "failed", message });
      } else {
        update(key, { status: "cancelled" });
        say(`Upload of ${next.name} cancelled.`);
      }
      pump();
    });
  }

  function cancel(key: string) {
    if (uploading.value === key) {
      active?.abort(); // the outcome marks it cancelled
      return;
    }
    files.delete(key);
    update(key, { status: "cancelled" });
  }

  return {
    items,
    uploading,
    enqueue,
    cancel,
    clearFinished: () =>
      items.value = items.value.filter((item) => !isFinished(item)),
  };
}

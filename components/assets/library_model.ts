/**
 * The file library as a signal model: the files kept live by
 * `asset_update` events, the upload queue (one file after another,
 * cancellable, a lapsed session renewed once), deletes, and others'
 * uploads in progress. The world (API, uploads, session renewal, live
 * client, clock, confirm) is injected, so tests drive it without a DOM.
 *
 * @module
 */
import { computed, createModel, signal } from "@preact/signals";
import type { Asset, AssetCategory } from "@/lib/assets/shared.ts";
import type { ApiFailure } from "@/components/api.ts";
import type { RealtimeClient } from "@/realtime/client.ts";
import {
  followRealtime,
  type LiveClient,
  modelFlash,
} from "@/components/world.ts";
import {
  applyAssetUpdate,
  type AssetFilters,
  type AssetViewer,
  deleteErrorText,
  filterQuery,
  matches,
  removeAsset,
  upsertAsset,
} from "./model.ts";
import { createUploadQueue, type UploadWorld } from "./upload_queue.ts";

/** The library's world: the queue's, and others' upload notices. */
export interface LibraryWorld extends UploadWorld {
  realtime: (LiveClient & Pick<RealtimeClient, "uploads" | "user">) | null;
}

/** What the page gives the model. */
export interface LibraryInit {
  initial: Asset[];
  viewer: AssetViewer;
  filters: AssetFilters;
  /** The server's upload limit in bytes. */
  maxBytes: number;
}

/** A message above the list after a delete or a failed reload. */
export interface Notice {
  kind: "ok" | "error";
  text: string;
}

/** How long a newly arrived file stays highlighted. */
const FRESH_MS = 6_000;

/** The library's files, queue, notices and actions. */
export const LibraryModel = createModel(
  (world: LibraryWorld, init: LibraryInit) => {
    const { viewer, filters } = init;
    const assets = signal<Asset[]>(init.initial);
    const category = signal<AssetCategory | "">(filters.category ?? "");
    const fresh = modelFlash(world, FRESH_MS);
    const deleting = signal<ReadonlySet<string>>(new Set());
    const notice = signal<Notice | null>(null);
    const announcement = signal("");
    // Deleted while an answer was on its way: never shown again.
    const gone = new Set<string>();

    const setDeleting = (id: string, on: boolean) => {
      const next = new Set(deleting.value);
      if (on) next.add(id);
      else next.delete(id);
      deleting.value = next;
    };

    followRealtime(world, ["asset_update"], (event) => {
      const { action, asset } = event.data;
      const known = assets.value.some((a) => a.id === asset.id);
      if (action === "deleted") gone.add(asset.id);
      assets.value = applyAssetUpdate(assets.value, event.data, filters, gone);
      if (action === "uploaded" && !known && matches(asset, filters)) {
        fresh.flash(asset.id);
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
        const list = await world.send<Asset[]>(
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
    const uploads = createUploadQueue(world, {
      maxBytes: init.maxBytes,
      category,
      stored(asset) {
        const shown = !gone.has(asset.id) && matches(asset, filters);
        if (shown) {
          const known = assets.value.some((a) => a.id === asset.id);
          assets.value = upsertAsset(assets.value, asset);
          if (!known) fresh.flash(asset.id);
        }
        return shown;
      },
      say: (text) => announcement.value = text,
    });

    async function remove(asset: Asset) {
      if (!world.confirm(`Delete ${asset.name}? It is removed for everyone.`)) {
        return;
      }
      setDeleting(asset.id, true);
      const url = `/api/assets/${encodeURIComponent(asset.id)}`;
      const drop = (text: string) => {
        gone.add(asset.id);
        assets.value = removeAsset(assets.value, asset.id);
        notice.value = { kind: "ok", text };
      };
      try {
        await world.send("DELETE", url, undefined, asset.version).catch(
          async (error: ApiFailure) => {
            // The session had lapsed: renew it once and try again.
            if (error.status !== 401 || !await world.renewSession()) {
              throw error;
            }
            return await world.send("DELETE", url, undefined, asset.version);
          },
        );
        drop(`Deleted ${asset.name}.`);
      } catch (error) {
        const failure = error as ApiFailure;
        if (failure.status === 404) {
          drop(`${asset.name} had already been deleted.`);
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

    // Others' uploads in progress (the hub's ephemeral frames). Their
    // category is not known yet, so a category filter hides them.
    const incoming = computed(() => {
      const client = world.realtime;
      if (client === null || filters.category !== undefined) return [];
      const me = client.user.value?.id ?? viewer.id;
      return Object.values(client.uploads.value).filter((u) =>
        u.uploader.id !== me &&
        (filters.uploader === undefined || u.uploader.id === filters.uploader)
      );
    });

    return {
      assets,
      uploads,
      category,
      fresh: fresh.flashing,
      deleting,
      notice,
      announcement,
      incoming,
      totalBytes: computed(() =>
        assets.value.reduce((n, asset) => n + asset.size, 0)
      ),
      /** Adds files to the upload queue (any old notice goes). */
      enqueue(chosen: File[]) {
        uploads.enqueue(chosen);
        notice.value = null;
      },
      remove,
    };
  },
);

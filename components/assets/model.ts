/**
 * The asset library's state changes, as pure functions (browser and server
 * alike; no zod): applying live events, filters, upload error messages.
 *
 * @module
 */
import type { FailureInfo } from "@/components/api.ts";
import { ACCEPTED_TYPES_TEXT, formatBytes } from "@/lib/assets/shared.ts";
import type {
  Asset,
  AssetCategory,
  AssetUpdateData,
} from "@/lib/assets/shared.ts";

/** The filters the page was opened with (`?category=&uploader=`). */
export interface AssetFilters {
  category?: AssetCategory;
  uploader?: string;
}

/** Who is looking: their id, and whether they may delete anyone's files. */
export interface AssetViewer {
  id: string;
  /** Producer or production manager: may delete every file. */
  office: boolean;
}

/** Whether `viewer` may delete `asset` (the uploader or the office). */
export function canDelete(viewer: AssetViewer, asset: Asset): boolean {
  return viewer.office || asset.uploaderId === viewer.id;
}

/** Whether an asset belongs in a list opened with `filters`. */
export function matches(asset: Asset, filters: AssetFilters): boolean {
  return (filters.category === undefined ||
    asset.category === filters.category) &&
    (filters.uploader === undefined || asset.uploaderId === filters.uploader);
}

/** Newest first, then by id: the API's order. */
export function newestFirst(a: Asset, b: Asset): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The list with `asset` in it (replaced when known), in order. */
export function upsertAsset(list: readonly Asset[], asset: Asset): Asset[] {
  return [...list.filter((a) => a.id !== asset.id), asset].sort(newestFirst);
}

/** The list without the asset `id`. */
export function removeAsset(list: readonly Asset[], id: string): Asset[] {
  return list.filter((a) => a.id !== id);
}

/**
 * Applies an `asset_update` event to a list opened with `filters`. Ids in
 * `gone` (deleted while an answer was on its way) never come back.
 */
export function applyAssetUpdate(
  list: readonly Asset[],
  update: AssetUpdateData,
  filters: AssetFilters,
  gone: ReadonlySet<string> = new Set(),
): Asset[] {
  if (update.action === "deleted") return removeAsset(list, update.asset.id);
  if (gone.has(update.asset.id) || !matches(update.asset, filters)) {
    return [...list];
  }
  return upsertAsset(list, update.asset);
}

/** The API query string for `filters` ("" when none). */
export function filterQuery(filters: AssetFilters): string {
  const params = new URLSearchParams();
  if (filters.category) params.set("category", filters.category);
  if (filters.uploader) params.set("uploader", filters.uploader);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * Why an upload failed, for people: the size limit (413) and the accepted
 * types (415) in plain words, otherwise the server's message.
 *
 * @example
 * ```ts
 * uploadErrorText({ status: 413 }, "take-3.mov", 50 * 1024 * 1024);
 * // "take-3.mov is larger than the 50 MiB limit."
 * ```
 */
export function uploadErrorText(
  failure: FailureInfo,
  name: string,
  maxBytes: number,
): string {
  switch (failure.status) {
    case 0:
      return `${name} was not uploaded: the server could not be reached.`;
    case 401:
      return "Your session has ended. Sign in again, then upload the file again.";
    case 413:
      return `${name} is larger than the ${formatBytes(maxBytes)} limit.`;
    case 415:
      return `${name}: this kind of file is not allowed. ` +
        `Upload ${ACCEPTED_TYPES_TEXT}.`;
  }
  const message = failure.error?.message;
  return message
    ? `${name} was not uploaded: ${lowerFirst(message)}${
      /[.!?]$/.test(message) ? "" : "."
    }`
    : `${name} was not uploaded (error ${failure.status}).`;
}

/** Why a delete failed, for people. */
export function deleteErrorText(failure: FailureInfo, name: string): string {
  if (failure.status === 0) {
    return `${name} was not deleted: the server could not be reached.`;
  }
  if (failure.status === 403) {
    return `You may not delete ${name}: only its uploader or the production office may.`;
  }
  const message = failure.error?.message;
  return message
    ? `${name} was not deleted: ${lowerFirst(message)}${
      /[.!?]$/.test(message) ? "" : "."
    }`
    : `${name} was not deleted (error ${failure.status}).`;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text)
    ? text[0].toLowerCase() + text.slice(1)
    : text;
}

/** Whole percent of `loaded` out of `total`, clamped to 0 … 100. */
export function percentOf(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}

import {
  badgeOf,
  CATEGORY_LABELS,
  familyOf,
  formatBytes,
  isImage,
  kindOf,
} from "@/lib/assets/shared.ts";
import type { Asset } from "@/lib/assets/shared.ts";
import { formatDateTime } from "@/lib/format.ts";
import { useHref } from "@/components/production_path.ts";
import { FlaggedBadge } from "@/components/ripple/FlaggedBadge.tsx";
import { recordPage } from "@/lib/records/shared.ts";

/**
 * The production-relative URL of an asset's bytes (always served as a
 * download); map it into the page's production with `useHref()`.
 */
export function contentUrl(asset: Asset): string {
  return `/api/assets/${encodeURIComponent(asset.id)}/content`;
}

/**
 * One production file: a thumbnail (the image itself for pictures, a type
 * badge otherwise), what it is, who uploaded it when, a download link and,
 * for those who may, a delete button. The delete button is a real form post
 * (the page handles it without JavaScript); the island intercepts it to
 * confirm and delete in place.
 */
export function AssetTile(
  { asset, deletable, deleting, fresh, timeZone, flagged = false, onDelete }: {
    asset: Asset;
    deletable: boolean;
    deleting: boolean;
    /** Just arrived: highlighted for a moment. */
    fresh: boolean;
    /** Show times in the reader's time zone (after hydration). */
    /** The production's time zone, for the upload time. */
    timeZone: string;
    /** Has open script-change flags. */
    flagged?: boolean;
    onDelete?: (asset: Asset, e: SubmitEvent) => void;
  },
) {
  const family = familyOf(asset.mime);
  const to = useHref();
  const href = to(contentUrl(asset));
  const classes = [
    "asset-tile",
    `asset-${family}`,
    fresh ? "is-new" : "",
    deleting ? "is-deleting" : "",
  ].filter(Boolean).join(" ");
  return (
    <li
      class={classes}
      id={`asset-${asset.id}`}
      data-asset-id={asset.id}
      aria-busy={deleting ? "true" : undefined}
    >
      <div class="asset-thumb">
        {isImage(asset.mime)
          ? (
            <img
              src={href}
              alt={asset.name}
              loading="lazy"
              decoding="async"
            />
          )
          : (
            <span class="asset-badge" aria-hidden="true">
              {badgeOf(asset.mime, asset.name)}
            </span>
          )}
      </div>
      <div class="asset-body">
        <h3 class="asset-name" title={asset.name}>
          {asset.name}
          {fresh && <span class="asset-new">New</span>}
        </h3>
        {flagged && (
          <p class="asset-flag">
            <FlaggedBadge />
          </p>
        )}
        <p class="asset-kind">
          <span class="asset-kind-label">{kindOf(asset.mime, asset.name)}</span>
          {" · "}
          <span class="asset-size">{formatBytes(asset.size)}</span>
        </p>
        <p class="asset-meta">
          <span class="asset-category">{CATEGORY_LABELS[asset.category]}</span>
          <span class="asset-by">
            <span class="visually-hidden">Uploaded by</span>
            <span class="asset-uploader">{asset.uploaderName}</span>
            {", "}
            <time dateTime={asset.createdAt} title={asset.createdAt}>
              {formatDateTime(asset.createdAt, timeZone)}
            </time>
          </span>
        </p>
      </div>
      <div class="asset-actions">
        <a
          class="button button-small asset-download"
          href={href}
          download={asset.name}
          aria-label={`Download ${asset.name} (${formatBytes(asset.size)})`}
        >
          Download
        </a>
        <a
          class="button button-small button-quiet asset-details"
          href={to(recordPage("asset", asset.id))}
          aria-label={`Details and links of ${asset.name}`}
        >
          Details
        </a>
        {deletable && (
          <form
            method="post"
            action={to("/assets")}
            class="asset-delete-form"
            onSubmit={onDelete && ((e) => onDelete(asset, e))}
          >
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={asset.id} />
            <button
              type="submit"
              class="button button-quiet button-small button-delete"
              disabled={deleting}
              aria-label={`Delete ${asset.name}`}
            >
              {deleting ? "Deleting…" : "Delete"}
            </button>
          </form>
        )}
      </div>
    </li>
  );
}

/**
 * Someone else's upload in progress (from the hub's ephemeral `upload`
 * frames): where the file will appear, with how far it has got.
 */
export function IncomingTile(
  { name, uploaderName, bytes, total }: {
    name: string;
    uploaderName: string;
    bytes: number;
    total: number | null;
  },
) {
  const value = total ? Math.min(99, Math.floor((bytes / total) * 100)) : null;
  return (
    <li class="asset-tile is-incoming" aria-busy="true">
      <div class="asset-thumb">
        <span class="asset-badge" aria-hidden="true">
          {value === null ? "…" : `${value}%`}
        </span>
      </div>
      <div class="asset-body">
        <h3 class="asset-name" title={name}>{name}</h3>
        <p class="asset-kind">
          Arriving · {formatBytes(bytes)}
          {total ? ` of ${formatBytes(total)}` : ""}
        </p>
        <p class="asset-meta">
          <span class="asset-by">
            <span class="visually-hidden">Uploaded by</span>
            <span class="asset-uploader">{uploaderName}</span>
          </span>
        </p>
        <div
          class="upload-bar"
          role="progressbar"
          aria-label={`${uploaderName}'s upload of ${name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={value ?? undefined}
        >
          <span
            class="upload-bar-fill"
            style={{ width: `${value ?? 0}%` }}
          />
        </div>
      </div>
    </li>
  );
}

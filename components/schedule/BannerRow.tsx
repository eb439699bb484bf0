import { BANNER_LABELS, type BannerItem } from "@/lib/schedule/shared.ts";
import { formatCastIds } from "@/lib/schedule/strips.ts";

/**
 * A banner across the board: travel day, holiday, company move or a note,
 * with Edit and Remove for the production office.
 */
export function BannerRow(
  { banner, canEdit, dropBefore, onEdit, onRemove }: {
    banner: BannerItem;
    canEdit: boolean;
    dropBefore: boolean;
    onEdit: () => void;
    onRemove: () => void;
  },
) {
  const label = BANNER_LABELS[banner.kind];
  return (
    <li
      class={`sb-banner sb-banner-${banner.kind}${
        dropBefore ? " is-drop-before" : ""
      }`}
      data-row
      data-banner-id={banner.id}
    >
      <span class="sb-banner-kind">{label}</span>
      {banner.text && <span class="sb-banner-text">{banner.text}</span>}
      {banner.castIds.length > 0 && (
        <span class="sb-banner-cast">
          Cast {formatCastIds(banner.castIds)}
        </span>
      )}
      {canEdit && (
        <span class="sb-actions">
          <button
            type="button"
            class="button button-small sb-quiet"
            onClick={onEdit}
          >
            Edit<span class="visually-hidden">{` ${label}`}</span>
          </button>
          <button
            type="button"
            class="button button-small sb-quiet button-delete"
            onClick={onRemove}
          >
            Remove<span class="visually-hidden">{` ${label}`}</span>
          </button>
        </span>
      )}
    </li>
  );
}

import { CHANGE_KIND_LABELS } from "@/lib/last_seen/shared.ts";

/**
 * "New" or "Changed" on a card or row: the record changed since the
 * viewer last looked at the page (lib/last_seen; the page's "Since you
 * last looked" lists who did what). Nothing when it did not.
 */
export function SeenBadge({ seen }: { seen?: "new" | "changed" }) {
  if (seen === undefined) return null;
  return (
    <span class={`badge since-kind since-${seen}`}>
      {CHANGE_KIND_LABELS[seen]}
    </span>
  );
}

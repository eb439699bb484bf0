import type { SortScope } from "@/lib/schedule/ops.ts";
import { SORT_KEYS, SORT_LABELS, type SortKey } from "@/lib/schedule/sort.ts";
import type { SortPreview } from "./stripboard_model.ts";

function sameScope(a: SortScope, b: SortScope): boolean {
  return "boneyard" in a ? "boneyard" in b : "day" in b && a.day === b.day;
}

/**
 * A sort helper of one day or the boneyard: choosing an order shows it as
 * a proposal; Accept sends it as one op, Cancel puts the board back.
 */
export function SortControl(
  { scope, label, preview, onPropose, onAccept, onCancel }: {
    scope: SortScope;
    /** "day 2", "the boneyard". */
    label: string;
    preview: SortPreview | null;
    onPropose: (by: SortKey) => void;
    onAccept: () => void;
    onCancel: () => void;
  },
) {
  const mine = preview !== null && sameScope(preview.scope, scope);
  return (
    <>
      <select
        class="sb-sort"
        aria-label={`Sort ${label}`}
        value={mine ? preview.by : ""}
        onChange={(e) => {
          const by = (e.currentTarget as HTMLSelectElement).value as SortKey;
          if (by) onPropose(by);
        }}
      >
        <option value="">Sort…</option>
        {SORT_KEYS.map((k) => (
          <option key={k} value={k}>{SORT_LABELS[k]}</option>
        ))}
      </select>
      {mine && (
        <div class="sb-proposal" role="group" aria-label="Proposed order">
          <span>
            Proposed: <strong>{SORT_LABELS[preview.by]}</strong>
          </span>
          <button
            type="button"
            class="button button-small button-primary"
            onClick={onAccept}
          >
            Accept order
          </button>
          <button type="button" class="button button-small" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </>
  );
}

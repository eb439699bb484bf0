import type { CallSheetView } from "@/lib/callsheets/shared.ts";
import { formatTime } from "@/lib/format.ts";

/**
 * A called member's receipt: their call and one big button, then when
 * they confirmed. A revision asks again.
 */
export function ConfirmReceipt(
  { view, busy, onConfirm }: {
    view: CallSheetView;
    busy: boolean;
    onConfirm: () => void;
  },
) {
  if (!view.mine.called || view.sheet.status !== "published") return null;
  const at = view.mine.confirmedAt;
  return (
    <section
      class={`cs-confirm no-print${at ? " is-confirmed" : ""}`}
      aria-labelledby="cs-confirm-title"
    >
      <h2 id="cs-confirm-title" class="cs-confirm-call">
        Your call: <span class="cs-time">{view.mine.call}</span>
      </h2>
      {at
        ? (
          <p class="cs-confirmed" role="status">
            <span aria-hidden="true">✓</span> Confirmed at{" "}
            <time dateTime={at}>{formatTime(at, view.timeZone)}</time>
            {view.sheet.revision > 1 && ` (revision ${view.sheet.revision})`}
          </p>
        )
        : (
          <>
            {view.sheet.revision > 1 && (
              <p>
                This call sheet was revised (revision{" "}
                {view.sheet.revision}): confirm that you received the new
                version.
              </p>
            )}
            <button
              type="button"
              class="button button-primary cs-confirm-button"
              disabled={busy}
              onClick={onConfirm}
            >
              {busy ? "Confirming…" : "Confirm receipt"}
            </button>
          </>
        )}
    </section>
  );
}

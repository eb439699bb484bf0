import type { CallSheetView } from "@/lib/callsheets/shared.ts";
import { formatTime } from "@/lib/format.ts";
import { tallyOf, tallyText } from "./model.ts";

/**
 * Management's view of the receipts of the current revision: how many of
 * the called members confirmed, who and when, and who has not yet. Live:
 * the island adds receipts as they arrive.
 */
export function Confirmations({ view }: { view: CallSheetView }) {
  if (view.confirmations === null) return null;
  if (view.sheet.status === "draft") {
    return (
      <section class="card cs-receipts no-print" aria-labelledby="cs-receipts">
        <h2 id="cs-receipts">Confirmations</h2>
        <p class="muted">
          Members confirm receipt once the sheet is published.
        </p>
      </section>
    );
  }
  const tally = tallyOf(view);
  return (
    <section class="card cs-receipts no-print" aria-labelledby="cs-receipts">
      <h2 id="cs-receipts">
        {tallyText(tally.confirmed.length, tally.total)}
        {view.sheet.revision > 1 && (
          <span class="cs-receipts-rev">
            &nbsp;(revision {view.sheet.revision})
          </span>
        )}
      </h2>
      <div class="cs-receipts-lists">
        <div>
          <h3>Confirmed</h3>
          {tally.confirmed.length === 0
            ? <p class="muted">Nobody yet.</p>
            : (
              <ul class="plain-list" data-receipts="confirmed">
                {tally.confirmed.map((c) => (
                  <li key={c.userId}>
                    <span aria-hidden="true">✓</span> {c.name} ·{" "}
                    <time dateTime={c.at}>
                      {formatTime(c.at, view.timeZone)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
        </div>
        <div>
          <h3>Not yet</h3>
          {tally.waiting.length === 0
            ? <p class="muted">Everyone confirmed.</p>
            : (
              <ul class="plain-list" data-receipts="waiting">
                {tally.waiting.map((c) => <li key={c.userId}>{c.name}</li>)}
              </ul>
            )}
        </div>
      </div>
    </section>
  );
}

import { useSignal } from "@preact/signals";
import { send } from "@/components/api.ts";
import { useHref } from "@/components/production_path.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { type RecordRef, refKey } from "@/lib/records/shared.ts";
import { type FlagView, IMPACT_LABELS } from "@/lib/ripple/shared.ts";

/**
 * A record's open script-change flags, on its own page until its owner
 * resolves them (in the script changes view); live on `ripple_update`.
 */
export default function RecordFlags(
  { record, initial }: { record: RecordRef; initial: FlagView[] },
) {
  const flags = useSignal(initial);
  const to = useHref();
  const reload = async () => {
    try {
      flags.value = await send<FlagView[]>(
        "GET",
        `/api/ripple/flags?record=${encodeURIComponent(refKey(record))}`,
      );
    } catch {
      // The notice is a hint: the next event or load brings it back.
    }
  };
  useRealtime("ripple_update", () => void reload(), reload);
  if (flags.value.length === 0) return null;
  return (
    <section class="record-flags" aria-label="Script changes to review">
      {flags.value.map((f) => (
        <p key={f.id} class="record-flag" role="note">
          <span class="badge flagged-badge">Script changed</span> {f.scene}{" "}
          {IMPACT_LABELS[f.impact]} in draft {f.draft}
          {f.detail?.after && f.impact === "renumbered" &&
            ` (now ${f.detail.after.number})`}.{" "}
          <a
            href={to(
              `/ripple?script=${f.scriptId}&draft=${f.draft}#flag-${f.id}`,
            )}
          >
            {f.resolvable ? "Review and resolve" : "See the change"}
          </a>
        </p>
      ))}
    </section>
  );
}

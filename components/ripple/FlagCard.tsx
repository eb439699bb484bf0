import { useSignal } from "@preact/signals";
import { useHref } from "@/components/production_path.ts";
import { formatEighths } from "@/lib/script/shared.ts";
import { RECORD_TYPE_LABELS } from "@/lib/records/shared.ts";
import {
  FLAG_STATUS_LABELS,
  type FlagView,
  IMPACT_LABELS,
  type Resolution,
} from "@/lib/ripple/shared.ts";

/** What a flag's scene went through, in one line. */
function headline(flag: FlagView): string {
  const d = flag.detail;
  if (flag.impact === "renumbered" && d?.after) {
    return `${flag.scene} renumbered to ${d.after.number}`;
  }
  return `${flag.scene} ${IMPACT_LABELS[flag.impact]}`;
}

function eighths(flag: FlagView): string | null {
  const d = flag.detail;
  if (!d) return null;
  const before = formatEighths(d.before.eighths);
  return d.after
    ? `${before} → ${formatEighths(d.after.eighths)} pages`
    : `${before} pages`;
}

/**
 * One flag: the record it is on, what happened to its scene (the detail
 * only for script readers), and, for its owner, how to resolve it.
 */
export function FlagCard(
  { flag, busy, onResolve }: {
    flag: FlagView;
    busy: boolean;
    onResolve: (resolution: Resolution, note: string) => void;
  },
) {
  const to = useHref();
  const note = useSignal("");
  const d = flag.detail;
  const noteId = `flag-note-${flag.id}`;
  return (
    <li class={`flag-card flag-${flag.status}`} id={`flag-${flag.id}`}>
      <p class="flag-record">
        <span class="badge">{RECORD_TYPE_LABELS[flag.record.ref.type]}</span>
        {" "}
        <a href={to(flag.record.href)}>{flag.record.title}</a>
        {flag.record.detail && (
          <span class="muted">{` · ${flag.record.detail}`}</span>
        )}
      </p>
      <p class="flag-headline">
        <strong>{headline(flag)}</strong>
        {d?.before.heading && (
          <span class="muted">{` · ${d.before.heading}`}</span>
        )}
        {eighths(flag) && <span class="muted">{` · ${eighths(flag)}`}</span>}
      </p>
      {d && (d.castAdded.length > 0 || d.castRemoved.length > 0) && (
        <p class="flag-cast">
          {d.castAdded.length > 0 && <>Cast added: {d.castAdded.join(", ")}.</>}
          {" "}
          {d.castRemoved.length > 0 && (
            <>Cast removed: {d.castRemoved.join(", ")}.</>
          )}
        </p>
      )}
      {d && d.diff.length > 0 && (
        <details class="flag-diff">
          <summary>What changed in the text</summary>
          <pre>{d.diff.map((l, i) => (
            <span key={i} class={`diff-${l.op}`}>
              {l.op === "added" ? "+ " : l.op === "removed" ? "− " : "  "}
              {l.text}
              {"\n"}
            </span>
          ))}</pre>
        </details>
      )}
      {flag.status !== "open"
        ? (
          <p class="flag-resolution">
            <span class="badge">{FLAG_STATUS_LABELS[flag.status]}</span>{" "}
            <span class="muted">by {flag.resolvedByName ?? "someone"}</span>
            {flag.note && <>— {flag.note}</>}
          </p>
        )
        : flag.resolvable
        ? (
          <form
            class="flag-actions"
            onSubmit={(e) => e.preventDefault()}
            aria-label={`Resolve the flag on ${flag.record.title}`}
          >
            <label for={noteId} class="visually-hidden">Note</label>
            <input
              id={noteId}
              type="text"
              maxLength={1000}
              placeholder="Note (needed to dismiss)"
              value={note.value}
              onInput={(e) => note.value = e.currentTarget.value}
            />
            <button
              type="button"
              class="button"
              disabled={busy}
              onClick={() => onResolve("kept", note.value)}
            >
              Keep
            </button>
            <button
              type="button"
              class="button"
              disabled={busy}
              onClick={() => onResolve("updated", note.value)}
            >
              Updated
            </button>
            <button
              type="button"
              class="button button-quiet"
              disabled={busy}
              onClick={() => onResolve("dismissed", note.value)}
            >
              Dismiss
            </button>
          </form>
        )
        : <p class="muted flag-resolution">Waiting for its owner.</p>}
    </li>
  );
}

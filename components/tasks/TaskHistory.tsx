import type { HistoryLine } from "@/lib/tasks/history_text.ts";

/**
 * A task's history, newest first: "Paula Reyes changed status from To do
 * to In progress · 3 Dec 2026, 14:05", and a link to older changes.
 */
export function TaskHistory(
  props: {
    lines: HistoryLine[];
    olderHref: string | null;
    newerHref: string | null;
  },
) {
  return (
    <section class="card task-history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {props.lines.length === 0
        ? <p class="muted">No changes recorded yet.</p>
        : (
          <ol class="history">
            {props.lines.map((line) => (
              <li key={line.key}>
                <strong>{line.who}</strong> {line.what}
                <span class="muted">
                  {" · "}
                  <time dateTime={line.iso}>{line.when}</time>
                </span>
              </li>
            ))}
          </ol>
        )}
      {(props.olderHref || props.newerHref) && (
        <nav class="page-actions" aria-label="History pages">
          {props.newerHref && (
            <a class="button button-quiet" href={props.newerHref}>
              Newest changes
            </a>
          )}
          {props.olderHref && (
            <a class="button button-quiet" href={props.olderHref}>
              Older changes
            </a>
          )}
        </nav>
      )}
    </section>
  );
}

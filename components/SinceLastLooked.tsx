import { activityTime } from "@/lib/format.ts";
import { formatDateTime } from "@/lib/format.ts";
import {
  agoText,
  CHANGE_KIND_LABELS,
  type ChangeLine,
  countOf,
  hasNews,
  linesBeyond,
  moreText,
  NARROW_LINES,
  type SinceLastLooked as Since,
} from "@/lib/last_seen/shared.ts";
import { useHref } from "./production_path.ts";

/** One change: its mark, "who did what" (linked when allowed), the time. */
function Line(
  { line, timeZone, now, wideOnly }: {
    line: ChangeLine;
    timeZone: string;
    now: number;
    /** Left to wider screens: a phone sums it up instead. */
    wideOnly: boolean;
  },
) {
  const href = useHref();
  const { item, kind } = line;
  return (
    <li class={wideOnly ? "since-wide" : undefined}>
      <span class={`badge since-kind since-${kind}`}>
        {CHANGE_KIND_LABELS[kind]}
      </span>
      <span class="activity-text">
        <span class="activity-who">{item.who}</span> {item.did} {item.href
          ? <a href={href(item.href)}>{item.what}</a>
          : <span class="activity-what">{item.what}</span>}
        {item.rest}{" "}
        <span class="since-time">
          <span aria-hidden="true">·</span>{" "}
          <time
            dateTime={new Date(item.ts).toISOString()}
            title={formatDateTime(item.ts, timeZone)}
          >
            {activityTime(item.ts, timeZone, now)}
          </time>
        </span>
      </span>
    </li>
  );
}

/**
 * "Since you last looked · 3 h ago": what others changed on this page
 * since the viewer's previous visit (lib/last_seen), at most a few lines
 * and the rest summed up. Nothing at all on a first visit or when nothing
 * changed. A disclosure, open, so it can be folded away; the next visit
 * starts from this one, so it does not come back.
 */
export function SinceLastLooked(
  { since, timeZone }: { since: Since | null; timeZone: string },
) {
  if (since === null || since.since === null || !hasNews(since)) return null;
  const now = Date.parse(since.now);
  const at = Date.parse(since.since);
  const id = `since-${since.page}`;
  // A phone lists fewer lines and sums up more: both summaries are
  // rendered, and the stylesheet shows the one that fits the screen.
  const narrowMore = linesBeyond(since, NARROW_LINES);
  const notes = [
    since.olderThanLog &&
    `The log keeps the last ${since.retentionHours} hours; older changes are in each record’s history.`,
    since.capped &&
    "Only the newest changes are listed; each record’s history has them all.",
  ].filter((note): note is string => typeof note === "string");
  return (
    <section class="card since-last-looked" aria-labelledby={id}>
      <details open>
        <summary>
          <h2 id={id}>Since you last looked</h2>{" "}
          <span class="muted since-ago">
            <span aria-hidden="true">·</span>{" "}
            <time dateTime={since.since} title={formatDateTime(at, timeZone)}>
              {agoText(at, now, timeZone)}
            </time>
          </span>
        </summary>
        {since.lines.length > 0
          ? (
            <ol class="activity since-lines">
              {since.lines.map((line, i) => (
                <Line
                  key={line.item.id}
                  line={line}
                  timeZone={timeZone}
                  now={now}
                  wideOnly={i >= NARROW_LINES}
                />
              ))}
            </ol>
          )
          : (
            <p class="muted">
              Nothing you can see changed in what the log still holds.
            </p>
          )}
        {narrowMore.length > 0 && (
          <p
            class={`since-more${
              countOf(narrowMore) > countOf(since.more) ? " since-narrow" : ""
            }`}
          >
            {moreText(narrowMore)}
          </p>
        )}
        {since.more.length > 0 && countOf(narrowMore) > countOf(since.more) && (
          <p class="since-more since-wide">{moreText(since.more)}</p>
        )}
        {notes.map((note) => <p key={note} class="muted since-note">{note}</p>)}
      </details>
    </section>
  );
}

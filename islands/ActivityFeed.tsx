import { useSignal } from "@preact/signals";
import { type ActivityItem, describeEvent } from "@/lib/activity_text.ts";
import { activityTime, formatDateTime } from "@/lib/format.ts";
import { type Actor, EVENT_TYPES } from "@/lib/policy.ts";
import { useHref } from "@/components/production_path.ts";
import { useRealtime } from "@/components/use_realtime.ts";

/** One line: time, then "who did what", the record linked when allowed. */
export function ActivityLine(
  { item, timeZone }: { item: ActivityItem; timeZone: string },
) {
  // The feed's links are production-relative (lib/activity_text.ts).
  const href = useHref();
  return (
    <li>
      <time
        dateTime={new Date(item.ts).toISOString()}
        title={formatDateTime(item.ts, timeZone)}
      >
        {activityTime(item.ts, timeZone)}
      </time>
      <span class="activity-text">
        <span class="activity-who">{item.who}</span> {item.did} {item.href
          ? <a href={href(item.href)}>{item.what}</a>
          : <span class="activity-what">{item.what}</span>}
        {item.rest}
      </span>
    </li>
  );
}

/**
 * Recent activity this user may see, newest first, growing live: who did
 * what, times in the production's zone.
 */
export default function ActivityFeed(
  { initial, limit, viewer, timeZone, currency }: {
    initial: ActivityItem[];
    limit: number;
    /** Who reads the feed: links only to records they may open. */
    viewer: Actor;
    timeZone: string;
    currency?: string;
  },
) {
  const items = useSignal(initial);
  // A resync keeps the lines shown: they happened either way.
  useRealtime(EVENT_TYPES, (event) => {
    const item = describeEvent(event, { viewer, currency });
    if (item) items.value = [item, ...items.value].slice(0, limit);
  });
  // One live region for both states, so the first event is announced too.
  return (
    <div class="activity-feed" aria-live="polite">
      {items.value.length === 0
        ? (
          <p class="muted">
            Nothing has happened yet. Changes will appear here.
          </p>
        )
        : (
          <ol class="activity">
            {items.value.map((item) => (
              <ActivityLine key={item.id} item={item} timeZone={timeZone} />
            ))}
          </ol>
        )}
    </div>
  );
}

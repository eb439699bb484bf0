import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect } from "preact/hooks";
import { type ActivityItem, describeEvent } from "../lib/activity_text.ts";
import type { EventType } from "../lib/policy.ts";
import { getRealtimeClient } from "../realtime/client.ts";

const TYPES: EventType[] = [
  "announcement",
  "task_update",
  "budget_update",
  "user_update",
  "script_update",
  "vfx_update",
  "asset_update",
];

const TIME = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
});

/** Recent activity this user may see, newest first, growing live. */
export default function ActivityFeed(
  { initial, limit }: { initial: ActivityItem[]; limit: number },
) {
  const items = useSignal(initial);
  useEffect(() => {
    if (!IS_BROWSER) return;
    const client = getRealtimeClient();
    const offs = TYPES.map((type) =>
      client.subscribe(type, (event) => {
        const item = describeEvent(event);
        if (item) items.value = [item, ...items.value].slice(0, limit);
      })
    );
    return () => offs.forEach((off) => off());
  }, []);
  if (items.value.length === 0) {
    return (
      <p class="muted">Nothing has happened yet. Changes will appear here.</p>
    );
  }
  return (
    <ol class="activity" aria-live="polite">
      {items.value.map((item) => (
        <li key={item.id}>
          <time dateTime={new Date(item.ts).toISOString()}>
            {TIME.format(new Date(item.ts))}
          </time>{" "}
          {item.href ? <a href={item.href}>{item.text}</a> : item.text}
        </li>
      ))}
    </ol>
  );
}

import { type ActivityItem, describeEvent } from "./activity_text.ts";
import { type Actor, inAudience } from "./policy.ts";
import { StoredEventSchema } from "./store/event_log.ts";

/**
 * The newest events `viewer` may see, described for them, newest first.
 * Reads the log backwards and stops after `limit` visible ones (or `scan`
 * events); each line names its actor from the event itself, so this is one
 * KV list and no further reads.
 */
export async function recentActivity(
  kv: Deno.Kv,
  viewer: Actor,
  { limit = 15, scan = 500, currency }: {
    limit?: number;
    scan?: number;
    /** The production's currency, for expense amounts. */
    currency?: string;
  } = {},
): Promise<ActivityItem[]> {
  const items: ActivityItem[] = [];
  const iter = kv.list({ prefix: ["events"] }, { reverse: true, limit: scan });
  for await (const entry of iter) {
    const event = StoredEventSchema.safeParse(entry.value);
    if (!event.success || !inAudience(viewer, event.data.audience)) continue;
    const item = describeEvent(event.data, { viewer, currency });
    if (item) items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

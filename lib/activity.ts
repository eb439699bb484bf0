/**
 * The production's event log as its members read it: the dashboard's
 * activity feed and the REST replay of `GET /api/events` (DESIGN §4). Both
 * show an actor only the events whose audience includes them (the policy
 * table decided each audience when the event was logged), so a feed line
 * or a replayed frame never tells of a record the actor may not read.
 *
 * @module
 */
import { type ActivityItem, describeEvent } from "./activity_text.ts";
import { inAudience } from "./policy.ts";
import type { ServiceContext } from "./service.ts";
import { newestEvents, readEventsAfter } from "./store/event_log.ts";

/** What {@linkcode recentActivity} reads and how many lines it keeps. */
export interface ActivityOptions {
  /** Lines to return (15). */
  limit?: number;
  /** Events to read at most, visible or not (500). */
  scan?: number;
  /** The production's currency, for expense amounts. */
  currency?: string;
}

/**
 * The newest events the actor may see, described for them, newest first.
 * Reads the log backwards and stops after `limit` visible ones (or `scan`
 * events); each line names its actor from the event itself, so this is one
 * KV list and no further reads.
 */
export async function recentActivity(
  cx: ServiceContext,
  { limit = 15, scan = 500, currency }: ActivityOptions = {},
): Promise<ActivityItem[]> {
  const items: ActivityItem[] = [];
  for await (const event of newestEvents(cx.kv, scan)) {
    if (!inAudience(cx.actor, event.audience)) continue;
    const item = describeEvent(event, { viewer: cx.actor, currency });
    if (item) items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

/** One event of the replay, as the socket would have sent it. */
export interface ReplayedEvent {
  type: string;
  id: string;
  ts: number;
  data: unknown;
}

/** The answer of {@linkcode replayEvents}. */
export type EventReplay =
  | { resync: true; events: [] }
  | {
    resync: false;
    events: ReplayedEvent[];
    /** The cursor to continue from, even when the page held nothing visible. */
    lastEventId: string;
    more: boolean;
  };

/**
 * The events after cursor `after` the actor may see, in log order (up to
 * `limit` read). `resync: true` when the cursor is older than the retained
 * log or not one of its ids: the client reloads instead.
 */
export async function replayEvents(
  cx: ServiceContext,
  after: string,
  limit: number,
): Promise<EventReplay> {
  const page = await readEventsAfter(cx.kv, after, limit);
  if (page.resync) return { resync: true, events: [] };
  return {
    resync: false,
    events: page.events
      .filter((e) => inAudience(cx.actor, e.audience))
      .map(({ id, type, ts, data }) => ({ type, id, ts, data })),
    lastEventId: page.events.at(-1)?.id ?? after,
    more: page.more,
  };
}

import { z } from "zod";
import { EVENT_TYPES } from "@/lib/policy.ts";
import { RoleSchema } from "@/lib/role_schema.ts";
import { studioKv } from "./production_kv.ts";
import { stateOf } from "./store_state.ts";

const HOUR_MS = 60 * 60 * 1000;
/** The shortest event retention: DESIGN §5 promises replay over 24 h. */
export const MIN_EVENT_RETENTION_HOURS = 24;
/** The event retention unless configured (`PRODSIGHT_EVENT_RETENTION_HOURS`). */
export const DEFAULT_EVENT_RETENTION_HOURS = 48;
/** Events are kept this long unless configured otherwise. */
export const EVENT_RETENTION_MS = DEFAULT_EVENT_RETENTION_HOURS * HOUR_MS;

/**
 * Sets how long events committed on `kv` are kept (hours, at least
 * {@linkcode MIN_EVENT_RETENTION_HOURS}); the services call it at start.
 * Record history does not depend on it (see history.ts).
 */
export function setEventRetention(kv: Deno.Kv, hours: number): void {
  if (!Number.isFinite(hours) || hours < MIN_EVENT_RETENTION_HOURS) {
    throw new RangeError(
      `Events must be kept at least ${MIN_EVENT_RETENTION_HOURS} hours`,
    );
  }
  stateOf(kv).retentionMs = hours * HOUR_MS;
}

/**
 * How long events committed on `kv` are kept, in milliseconds: set for
 * `kv` itself, else for the store it is a production's view of.
 */
export function eventRetentionMs(kv: Deno.Kv): number {
  return stateOf(kv).retentionMs ?? stateOf(studioKv(kv)).retentionMs ??
    EVENT_RETENTION_MS;
}

/** Key of the log's head: the sequence number of the newest event. */
export const EVENT_HEAD_KEY: Deno.KvKey = ["events_head"];

/**
 * The studio-wide key every commit that appends to a production's log
 * sets to `{productionId, seq}` (DESIGN §7): instances watch this one key
 * instead of one head per production. Set, never checked, so commits in
 * different productions do not contend on it.
 */
export const LOG_MOVED_KEY: Deno.KvKey = ["bus", "log_moved"];

/**
 * What {@linkcode LOG_MOVED_KEY} holds: the production whose log moved, its
 * newest sequence and, when they are small ({@linkcode LOG_MOVED_EVENTS_MAX_BYTES}),
 * the events of that commit, so a watcher whose cursor is right before them
 * goes on without reading the log.
 */
export interface LogMoved {
  productionId: string;
  seq: number;
  events?: StoredEvent[];
}

/**
 * A commit's events ride along in {@linkcode LogMoved} while their JSON is
 * at most this long (at most 24 KiB of UTF-8, well inside KV's 64 KiB).
 */
export const LOG_MOVED_EVENTS_MAX_BYTES = 8_192;
const EVENTS = "events";

/** Who may receive an event. */
export const AudienceSchema = z.object({
  roles: z.array(RoleSchema),
  users: z.array(z.string()),
});

/**
 * Events the instances send each other through the log (so they reach
 * every instance, by bus or poll): never sent to a client, returned by the
 * REST replay or replayed, and always logged with an empty audience.
 * `session_ended`: a sign-in session ended; close its sockets.
 */
export const INTERNAL_EVENT_TYPES = ["session_ended"] as const;

/** Whether an event is for the instances only (see INTERNAL_EVENT_TYPES). */
export function isInternalEvent(event: { type: string }): boolean {
  return (INTERNAL_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** An event as stored in the log. */
export const StoredEventSchema = z.object({
  id: z.string(),
  type: z.enum([...EVENT_TYPES, ...INTERNAL_EVENT_TYPES]),
  ts: z.number(),
  audience: AudienceSchema,
  data: z.unknown(),
});

/** An event as stored in the log. */
export type StoredEvent = z.infer<typeof StoredEventSchema>;

/** An event a write causes; the log assigns id and timestamp. */
export type EventInput = Omit<StoredEvent, "id" | "ts">;

/**
 * Formats a sequence number as an event id. Fixed width, so string order is
 * log order, as DESIGN §5 requires of ids.
 */
export function eventId(seq: number): string {
  return String(seq).padStart(16, "0");
}

/** Parses an event id back to its sequence number; null if malformed. */
export function eventSeq(id: string): number | null {
  return /^\d{16}$/.test(id) ? Number(id) : null;
}

/** The key an event is stored under. */
export function eventKey(id: string): Deno.KvKey {
  return [EVENTS, id];
}

/** The newest event id, or the id before the first when the log is empty. */
export async function latestEventId(kv: Deno.Kv): Promise<string> {
  const head = await kv.get<number>(EVENT_HEAD_KEY);
  return eventId(head.value ?? 0);
}

/**
 * The newest events of the log, newest first, at most `scan` of them;
 * entries that do not parse are skipped. A caller that needs fewer stops
 * iterating, and the listing stops with it.
 */
export async function* newestEvents(
  kv: Deno.Kv,
  scan: number,
): AsyncGenerator<StoredEvent> {
  const iter = kv.list<unknown>({ prefix: [EVENTS] }, {
    reverse: true,
    limit: scan,
  });
  for await (const entry of iter) {
    const event = StoredEventSchema.safeParse(entry.value);
    if (event.success) yield event.data;
  }
}

/** The result of {@linkcode readEventsAfter}. */
export type EventPage =
  | { resync: false; events: StoredEvent[]; more: boolean }
  | { resync: true };

/**
 * Reads up to `limit` events after `after`, in log order. `resync` is true
 * when events after the cursor have expired or the cursor is not one of
 * this log's ids, so the client must reload instead of replaying.
 */
export async function readEventsAfter(
  kv: Deno.Kv,
  after: string,
  limit = 500,
): Promise<EventPage> {
  const seq = eventSeq(after);
  const head = (await kv.get<number>(EVENT_HEAD_KEY)).value ?? 0;
  if (seq === null || seq > head) return { resync: true };
  const events: StoredEvent[] = [];
  const iter = kv.list<unknown>({
    start: eventKey(eventId(seq + 1)),
    end: [EVENTS, "\uffff"],
  }, { limit: limit + 1 });
  for await (const entry of iter) {
    events.push(StoredEventSchema.parse(entry.value));
  }
  // Ids are consecutive, so a hole right after the cursor means expiry.
  if (
    seq < head && (events.length === 0 || events[0].id !== eventId(seq + 1))
  ) {
    return { resync: true };
  }
  const more = events.length > limit;
  return { resync: false, events: events.slice(0, limit), more };
}

/**
 * Resume after a reconnect: the events a socket missed since its cursor,
 * read from the log, then what arrived live meanwhile, past the seam only.
 *
 * @module
 */
import { inAudience } from "@/lib/policy.ts";
import {
  eventSeq,
  isInternalEvent,
  readEventsAfter,
} from "@/lib/store/event_log.ts";
import type { Connection } from "./connection.ts";
import { eventFrame } from "./frames.ts";
import type { HubMetrics } from "./metrics.ts";
import type { ServerFrame } from "./protocol.ts";

/**
 * Sends `conn` the events after `after` its user may see, then `synced`
 * (or `resync` when the log no longer reaches back that far), then the
 * live events buffered meanwhile. Counts replays and resyncs in `metrics`.
 */
export async function replay(
  kv: Deno.Kv,
  conn: Connection,
  after: string,
  metrics: HubMetrics,
): Promise<void> {
  let cursor = after;
  let replayed = 0;
  for (;;) {
    const page = await readEventsAfter(kv, cursor);
    if (page.resync) {
      metrics.resyncs++;
      conn.send(JSON.stringify({ type: "resync" } satisfies ServerFrame));
      flush(conn, 0);
      return;
    }
    for (const event of page.events) {
      cursor = event.id;
      if (conn.closed) return;
      if (isInternalEvent(event)) continue;
      if (!inAudience(conn.user, event.audience)) continue;
      conn.send(eventFrame(event));
      replayed++;
    }
    if (!page.more) break;
  }
  metrics.replays++;
  conn.send(
    JSON.stringify({ type: "synced", replayed } satisfies ServerFrame),
  );
  flush(conn, eventSeq(cursor) ?? 0);
}

/** Ends a replay: sends what arrived meanwhile, past the seam only. */
function flush(conn: Connection, replayedUpTo: number) {
  const buffered = conn.buffer ?? [];
  conn.buffer = null;
  conn.lastSeq = Math.max(conn.lastSeq, replayedUpTo);
  for (const { seq, frame } of buffered) conn.deliver(seq, frame);
}

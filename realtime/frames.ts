import type { StoredEvent } from "@/lib/store/event_log.ts";
import type { ServerFrame } from "./protocol.ts";

/** An event as sent to clients, live or replayed: serialised once per event. */
export function eventFrame(event: StoredEvent): string {
  return JSON.stringify({
    type: event.type,
    id: event.id,
    ts: event.ts,
    data: event.data,
  });
}

/** An `error` frame telling one socket what it did wrong. */
export function errorFrame(code: string, message: string): string {
  return JSON.stringify({ type: "error", code, message } satisfies ServerFrame);
}

/** Logs a background failure of the hub; sockets and callers carry on. */
export function logError(error: unknown): void {
  console.error(error);
}

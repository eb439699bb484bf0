/**
 * Live delivery: each event of the log to the open sockets its audience
 * admits, and the events that change sockets themselves (a session that
 * ended, an account that changed).
 *
 * @module
 */
import { SessionEndedDataSchema } from "@/lib/auth/session_events.ts";
import type { StoredEvent } from "@/lib/store/event_log.ts";
import { eventFrame } from "./frames.ts";
import { CLOSE, type FrameUser, UserUpdateDataSchema } from "./protocol.ts";
import type { Rooms } from "./rooms.ts";

/**
 * Sends one event to its audience, one JSON string for all of them and at
 * most once per socket. Returns the frames sent.
 */
export function fanOut(rooms: Rooms, seq: number, event: StoredEvent): number {
  const frame = eventFrame(event);
  const { roles, users } = event.audience;
  let sent = 0;
  for (const role of roles) {
    for (const conn of rooms.ofRole(role) ?? []) {
      if (conn.deliver(seq, frame)) sent++;
    }
  }
  for (const userId of users) {
    for (const conn of rooms.ofUser(userId) ?? []) {
      // Already reached through its role room.
      if (roles.includes(conn.user.role)) continue;
      if (conn.deliver(seq, frame)) sent++;
    }
  }
  return sent;
}

/** Closes the sockets of a session that ended (logout, revocation). */
export function closeEndedSession(rooms: Rooms, event: StoredEvent): void {
  const parsed = SessionEndedDataSchema.safeParse(event.data);
  if (!parsed.success) return;
  const { sessionId, userId } = parsed.data;
  for (const conn of [...(rooms.ofUser(userId) ?? [])]) {
    if (conn.sessionId === sessionId) {
      conn.close(CLOSE.unauthorized, "signed out");
    }
  }
}

/**
 * Re-evaluates the sockets of a user whose account changed: closes them
 * when deactivated (4401) or no longer a member (4403: nothing of the
 * production is theirs to see), else moves them to the new role's room
 * and renames the user in presence. False when the event's data is not
 * an account.
 */
export function applyUserUpdate(
  rooms: Rooms,
  presence: { rename(user: FrameUser): void },
  event: StoredEvent,
): boolean {
  const parsed = UserUpdateDataSchema.safeParse(event.data);
  if (!parsed.success) return false;
  const { id, name, role, active } = parsed.data.user;
  for (const conn of [...(rooms.ofUser(id) ?? [])]) {
    if (parsed.data.action === "removed") {
      conn.close(CLOSE.forbidden, "no longer a member");
      continue;
    }
    if (!active) {
      conn.close(CLOSE.unauthorized, "account deactivated");
      continue;
    }
    rooms.changeRole(conn, role);
    conn.user = { id, name, role };
    presence.rename(conn.user);
  }
  return true;
}

import { z } from "zod";
import type { EventInput } from "@/lib/store/event_log.ts";

/** Data of the internal `session_ended` event. */
export const SessionEndedDataSchema = z.object({
  /** The session (refresh token family) that ended. */
  sessionId: z.string().min(1),
  /** Whose session it was, so a hub looks only at that user's sockets. */
  userId: z.string().min(1),
});

/** Data of the internal `session_ended` event. */
export type SessionEndedData = z.infer<typeof SessionEndedDataSchema>;

/**
 * The internal event that tells every instance a session ended (logout, or
 * a refresh family revoked), so each hub closes that session's sockets with
 * 4401. Committed with the revocation; its audience is empty, so no client
 * ever receives or replays it.
 */
export function sessionEndedEvent(
  sessionId: string,
  userId: string,
): EventInput {
  return {
    type: "session_ended",
    audience: { roles: [], users: [] },
    data: { sessionId, userId } satisfies SessionEndedData,
  };
}

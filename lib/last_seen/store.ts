/**
 * Where each member last looked: `["last_seen", userId, page]`, a
 * production collection (the production's view of the store puts it under
 * the production, lib/store/production_kv.ts), holding the newest event id
 * when the page was last rendered for them and the time. A plain set: no
 * event, no check, no history — it is the viewer's own bookmark, and the
 * last write wins.
 *
 * @module
 */
import { z } from "zod";
import { eventId, eventKey, eventSeq } from "@/lib/store/event_log.ts";
import type { LastSeenPage } from "./shared.ts";

/** A member's last visit to a page. */
export const LastSeenMarkSchema = z.object({
  /** The newest event of the log when the page was rendered. */
  eventId: z.string().regex(/^\d{16}$/),
  /** When (ISO time). */
  at: z.iso.datetime(),
});

/** A member's last visit to a page. */
export type LastSeenMark = z.infer<typeof LastSeenMarkSchema>;

/** The key of `userId`'s mark on `page`. */
export function lastSeenKey(userId: string, page: LastSeenPage): Deno.KvKey {
  return ["last_seen", userId, page];
}

/** `userId`'s mark on `page`; null before their first visit (or if unreadable). */
export async function readMark(
  kv: Deno.Kv,
  userId: string,
  page: LastSeenPage,
): Promise<LastSeenMark | null> {
  const entry = await kv.get(lastSeenKey(userId, page));
  const mark = LastSeenMarkSchema.safeParse(entry.value);
  return mark.success ? mark.data : null;
}

/** Stores `userId`'s mark on `page`. */
export async function writeMark(
  kv: Deno.Kv,
  userId: string,
  page: LastSeenPage,
  mark: LastSeenMark,
): Promise<void> {
  await kv.set(lastSeenKey(userId, page), LastSeenMarkSchema.parse(mark));
}

/**
 * The sequence number of the oldest event the log still holds; null when
 * it holds none. The log's ids are consecutive, so a read whose cursor's
 * successors expired resumes just before it.
 */
export async function oldestEventSeq(kv: Deno.Kv): Promise<number | null> {
  const iter = kv.list({
    start: eventKey(eventId(0)),
    end: eventKey("\uffff"),
  }, { limit: 1 });
  for await (const entry of iter) {
    const id = entry.key.at(-1);
    return typeof id === "string" ? eventSeq(id) : null;
  }
  return null;
}

/**
 * Urgent announcements as banners: every signed-in person sees each urgent
 * announcement of the last {@linkcode BANNER_WINDOW_MS} on every page until
 * they dismiss it. Dismissals are stored per user on the server, so one
 * dismissal holds on every device and after reloads; they expire a day
 * after the banner would have, so the store does not grow forever.
 *
 * Keys: `["announcement_dismissals", userId, announcementId]`.
 *
 * @module
 */
import { ApiError } from "@/lib/http/errors.ts";
import type { Actor } from "@/lib/policy.ts";
import {
  type Announcement,
  announcements,
  AnnouncementSchema,
  ensureAnnouncementIndexes,
} from "./announcements.ts";

/** How long an urgent announcement stays a banner: a week. */
export const BANNER_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** At most this many banners at once (the newest); the rest are listed. */
export const MAX_BANNERS = 3;

const DISMISSALS = "announcement_dismissals";

function dismissalKey(userId: string, announcementId: string): Deno.KvKey {
  return [DISMISSALS, userId, announcementId];
}

/**
 * The urgent announcements `userId` has not dismissed, newest first: those
 * of the last week, at most {@linkcode MAX_BANNERS}. One bounded list and
 * two small reads: cheap enough for every page.
 */
export async function bannerAnnouncements(
  kv: Deno.Kv,
  userId: string,
  now: number = Date.now(),
): Promise<Announcement[]> {
  await ensureAnnouncementIndexes(kv);
  const since = new Date(now - BANNER_WINDOW_MS).toISOString();
  const prefix = [`${announcements.name}_by_urgent`];
  const ids: string[] = [];
  const iter = kv.list<string>(
    { prefix, start: [...prefix, since] },
    { reverse: true, limit: 10 },
  );
  for await (const entry of iter) ids.push(entry.value);
  if (ids.length === 0) return [];
  const [records, dismissed] = await Promise.all([
    kv.getMany<unknown[]>(ids.map((id) => announcements.key(id))),
    kv.getMany<unknown[]>(ids.map((id) => dismissalKey(userId, id))),
  ]);
  const shown: Announcement[] = [];
  for (const [i, entry] of records.entries()) {
    if (entry.value === null || dismissed[i].value !== null) continue;
    // Every page reads this: one bad record must not take them all down.
    const announcement = AnnouncementSchema.safeParse(entry.value);
    if (announcement.success) shown.push(announcement.data);
    if (shown.length === MAX_BANNERS) break;
  }
  return shown;
}

/**
 * Remembers that `actor` dismissed announcement `id` (idempotent). 404 when
 * there is no such announcement.
 */
export async function dismissAnnouncement(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  now: number = Date.now(),
): Promise<void> {
  const announcement = await announcements.get(kv, id);
  if (announcement === null) {
    throw new ApiError(404, "not_found", "No such announcement");
  }
  const shownUntil = Date.parse(announcement.createdAt) + BANNER_WINDOW_MS;
  const expireIn = Math.max(shownUntil - now, 0) + 24 * 60 * 60 * 1000;
  await kv.set(
    dismissalKey(actor.id, id),
    { at: new Date(now).toISOString() },
    { expireIn },
  );
}

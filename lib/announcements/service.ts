/**
 * Announcements: a message from the production office to everyone, stored
 * (so the dashboard and `/announcements` list them) and logged as an
 * `announcement` event in the same commit (so open pages get it live).
 * Urgent ones are also a banner on every page until each person dismisses
 * them; a dismissal holds on every device and expires a day after the
 * banner would have, so the store does not grow forever.
 *
 * @module
 */
import { audienceFor } from "@/lib/policy.ts";
import {
  assertCan,
  requireRecord,
  type ServiceContext,
} from "@/lib/service.ts";
import { transact } from "@/lib/store/transaction.ts";
import type { Announcement, NewAnnouncement } from "./schemas.ts";
import { AnnouncementSchema } from "./schemas.ts";
import {
  type AnnouncementView,
  BANNER_WINDOW_MS,
  MAX_BANNERS,
} from "./shared.ts";
import {
  announcements,
  dismissalKey,
  ensureAnnouncementIndexes,
  toView,
  urgentSince,
} from "./store.ts";

/** Posts an announcement to everyone: stored and logged in one commit. */
export async function announce(
  cx: ServiceContext,
  input: NewAnnouncement,
): Promise<Announcement> {
  assertCan(
    cx,
    "announcements",
    "write",
    undefined,
    "Only producers and production managers announce",
  );
  const { actor } = cx;
  const { result } = await transact(cx.kv, async (tx) => {
    const record = await announcements.insert(tx, {
      message: input.message,
      level: input.level,
      fromId: actor.id,
      fromName: actor.name,
      fromRole: actor.role,
    }, { now: cx.now() });
    // The frame names its sender in `from` already (DESIGN §5), so not
    // through emit(), which would add a second copy as `by`.
    tx.emit({
      type: "announcement",
      audience: audienceFor("announcement"),
      data: {
        id: record.id,
        message: record.message,
        level: record.level,
        from: { id: actor.id, name: actor.name, role: actor.role },
      },
    });
    return record;
  });
  return result;
}

/** The `limit` newest announcements, newest first, as pages show them. */
export async function recentAnnouncements(
  cx: ServiceContext,
  limit = 10,
): Promise<AnnouncementView[]> {
  assertReader(cx);
  await ensureAnnouncementIndexes(cx.kv);
  const newest = await announcements.listByIndex(cx.kv, "created", {
    reverse: true,
    limit,
  });
  return newest.map(toView);
}

/**
 * The urgent announcements of the last {@linkcode BANNER_WINDOW_MS} the
 * actor has not dismissed, newest first, at most {@linkcode MAX_BANNERS}.
 * One bounded list and two small reads: cheap enough for every page.
 */
export async function bannerAnnouncements(
  cx: ServiceContext,
): Promise<AnnouncementView[]> {
  assertReader(cx);
  const since = new Date(cx.now().getTime() - BANNER_WINDOW_MS).toISOString();
  const ids = await urgentSince(cx.kv, since, 10);
  if (ids.length === 0) return [];
  const [records, dismissed] = await Promise.all([
    cx.kv.getMany<unknown[]>(ids.map((id) => announcements.key(id))),
    cx.kv.getMany<unknown[]>(ids.map((id) => dismissalKey(cx.actor.id, id))),
  ]);
  const shown: AnnouncementView[] = [];
  for (const [i, entry] of records.entries()) {
    if (entry.value === null || dismissed[i].value !== null) continue;
    // Every page reads this: one bad record must not take them all down.
    const announcement = AnnouncementSchema.safeParse(entry.value);
    if (announcement.success) shown.push(toView(announcement.data));
    if (shown.length === MAX_BANNERS) break;
  }
  return shown;
}

/**
 * Remembers that the actor dismissed announcement `id` (idempotent);
 * NotFoundError when there is no such announcement.
 */
export async function dismissAnnouncement(
  cx: ServiceContext,
  id: string,
): Promise<void> {
  assertReader(cx);
  const announcement = await requireRecord(
    announcements,
    cx.kv,
    id,
    "announcement",
  );
  const now = cx.now().getTime();
  const shownUntil = Date.parse(announcement.createdAt) + BANNER_WINDOW_MS;
  const expireIn = Math.max(shownUntil - now, 0) + 24 * 60 * 60 * 1000;
  await cx.kv.set(
    dismissalKey(cx.actor.id, id),
    { at: new Date(now).toISOString() },
    { expireIn },
  );
}

/** Every role reads announcements today; the policy table still decides. */
function assertReader(cx: ServiceContext) {
  assertCan(
    cx,
    "announcements",
    "read",
    undefined,
    "Your role may not do this",
  );
}

/**
 * Where announcements and dismissals live: the repository (newest first by
 * `created`; urgent ones also by `urgent`), the one-time index backfill,
 * and per-user dismissals.
 *
 * Keys: the repository's, and `["announcement_dismissals", userId, id]`.
 *
 * @module
 */
import type { Role } from "@/lib/roles.ts";
import { Repository } from "@/lib/store/repository.ts";
import { type Announcement, AnnouncementSchema } from "./schemas.ts";
import type { AnnouncementView } from "./shared.ts";
import { stateOf } from "@/lib/store/store_state.ts";

/** Announcements, newest first by `created`; urgent ones also by `urgent`. */
export const announcements = new Repository<Announcement>({
  name: "announcements",
  schema: AnnouncementSchema,
  indexes: [
    { name: "created", key: (a) => [a.createdAt] },
    {
      name: "urgent",
      key: (a) => a.level === "urgent" ? [a.createdAt] : null,
    },
  ],
});

/** The view of a stored announcement. */
export function toView(a: Announcement): AnnouncementView {
  return {
    id: a.id,
    message: a.message,
    level: a.level,
    createdAt: a.createdAt,
    from: { id: a.fromId, name: a.fromName, role: a.fromRole as Role },
  };
}

/** Where `userId`'s dismissal of announcement `id` is kept. */
export function dismissalKey(userId: string, id: string): Deno.KvKey {
  return ["announcement_dismissals", userId, id];
}

/**
 * The ids of up to `limit` urgent announcements created at or after
 * `since` (ISO), newest first.
 */
export async function urgentSince(
  kv: Deno.Kv,
  since: string,
  limit: number,
): Promise<string[]> {
  await ensureAnnouncementIndexes(kv);
  const prefix = [`${announcements.name}_by_urgent`];
  const ids: string[] = [];
  const iter = kv.list<string>(
    { prefix, start: [...prefix, since] },
    { reverse: true, limit },
  );
  for await (const entry of iter) ids.push(entry.value);
  return ids;
}

// The indexes arrived after the first announcements: stores from before
// get them once (announcements are never edited, so a plain set is safe).
// Keys as Repository writes a non-unique index: [`<name>_by_<index>`,
// ...parts, id] → id.
const INDEXED_KEY: Deno.KvKey = ["migrations", "announcements_indexes_v1"];

/**
 * Makes sure announcements stored before the indexes existed are in them:
 * the first read of a store without the mark writes their entries and the
 * mark; later reads in this process skip even the mark's read.
 */
export async function ensureAnnouncementIndexes(kv: Deno.Kv): Promise<void> {
  const done = stateOf(kv).done;
  if (done.has("announcement_indexes")) return;
  if ((await kv.get(INDEXED_KEY)).value === null) {
    let op = kv.atomic();
    let writes = 0;
    for await (const entry of kv.list({ prefix: [announcements.name] })) {
      const a = AnnouncementSchema.safeParse(entry.value);
      if (!a.success) continue;
      op.set(
        ["announcements_by_created", a.data.createdAt, a.data.id],
        a.data.id,
      );
      if (a.data.level === "urgent") {
        op.set(
          ["announcements_by_urgent", a.data.createdAt, a.data.id],
          a.data.id,
        );
      }
      if ((writes += 2) >= 500) {
        await op.commit();
        op = kv.atomic();
        writes = 0;
      }
    }
    op.set(INDEXED_KEY, { at: new Date().toISOString() });
    await op.commit();
  }
  done.add("announcement_indexes");
}

/**
 * Announcements: a message from the production office to everyone, stored
 * (so the dashboard and `/announcements` list them) and logged as an
 * `announcement` event in the same commit (so open pages get it live).
 * Urgent ones also become a banner on every page until each person
 * dismisses them (dismissals.ts).
 *
 * @module
 */
import { z } from "zod";
import { ApiError } from "@/lib/http/errors.ts";
import { type Actor, audienceFor, can } from "@/lib/policy.ts";
import type { Role } from "@/lib/roles.ts";
import { Repository } from "@/lib/store/repository.ts";
import { transact } from "@/lib/store/transaction.ts";

/** How loud an announcement is. */
export const ANNOUNCEMENT_LEVELS = ["info", "warning", "urgent"] as const;

/** How loud an announcement is. */
export type AnnouncementLevel = typeof ANNOUNCEMENT_LEVELS[number];

/** An announcement id as it arrives in a path or a form. */
export const IdSchema = z.string().trim().min(1, "Which announcement?").max(
  100,
);

/** `POST /api/announcements` body. */
export const NewAnnouncementSchema = z.object({
  message: z.string().trim().min(1, "Write a message").max(500),
  level: z.enum(ANNOUNCEMENT_LEVELS).default("info"),
}).strict();

/** An announcement as stored. */
export const AnnouncementSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  message: z.string(),
  level: z.enum(ANNOUNCEMENT_LEVELS),
  fromId: z.string(),
  fromName: z.string(),
  fromRole: z.string(),
});

/** An announcement as stored. */
export type Announcement = z.infer<typeof AnnouncementSchema>;

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

/** An announcement as pages, islands and the API show it. */
export interface AnnouncementView {
  id: string;
  message: string;
  level: AnnouncementLevel;
  /** ISO timestamp. */
  createdAt: string;
  from: { id: string; name: string; role: Role };
}

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

/**
 * Posts an announcement to everyone: stored and logged as an
 * `announcement` event in one commit.
 */
export async function announce(
  kv: Deno.Kv,
  actor: Actor & { name: string },
  input: z.infer<typeof NewAnnouncementSchema>,
  options: { now?: Date } = {},
): Promise<Announcement> {
  if (!can(actor, "announcements", "write")) {
    throw new ApiError(
      403,
      "forbidden",
      "Only producers and production managers announce",
    );
  }
  const { result } = await transact(kv, async (tx) => {
    const record = await announcements.insert(tx, {
      message: input.message,
      level: input.level,
      fromId: actor.id,
      fromName: actor.name,
      fromRole: actor.role,
    }, { now: options.now });
    tx.emit({
      type: "announcement",
      audience: audienceFor("announcement"),
      data: {
        id: record.id,
        message: record.message,
        level: record.level,
        from: { id: actor.id, name: actor.name, role: actor.role as Role },
      },
    });
    return record;
  });
  return result;
}

/** The `limit` newest announcements, newest first. */
export async function recentAnnouncements(
  kv: Deno.Kv,
  limit = 10,
): Promise<Announcement[]> {
  await ensureAnnouncementIndexes(kv);
  return await announcements.listByIndex(kv, "created", {
    reverse: true,
    limit,
  });
}

// The indexes arrived after the first announcements: stores from before
// get them once (announcements are never edited, so a plain set is safe).
// Keys as Repository writes a non-unique index: [`<name>_by_<index>`,
// ...parts, id] → id.
const INDEXED_KEY: Deno.KvKey = ["migrations", "announcements_indexes_v1"];
const indexed = new WeakSet<Deno.Kv>();

/**
 * Makes sure announcements stored before the indexes existed are in them:
 * the first read of a store without the mark writes their entries and the
 * mark; later reads in this process skip even the mark's read.
 */
export async function ensureAnnouncementIndexes(kv: Deno.Kv): Promise<void> {
  if (indexed.has(kv)) return;
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
  indexed.add(kv);
}

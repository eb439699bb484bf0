import { z } from "zod";
import { ApiError } from "../http/errors.ts";
import { type Actor, audienceFor, can } from "../policy.ts";
import type { Role } from "../roles.ts";
import { Repository } from "../store/repository.ts";
import { transact } from "../store/transaction.ts";

/** `POST /api/announcements` body. */
export const NewAnnouncementSchema = z.object({
  message: z.string().trim().min(1, "Write a message").max(500),
  level: z.enum(["info", "warning", "urgent"]).default("info"),
}).strict();

/** An announcement as stored. */
export const AnnouncementSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  message: z.string(),
  level: z.enum(["info", "warning", "urgent"]),
  fromId: z.string(),
  fromName: z.string(),
  fromRole: z.string(),
});

/** An announcement as stored. */
export type Announcement = z.infer<typeof AnnouncementSchema>;

/** Announcements, kept so they appear in history. */
export const announcements = new Repository<Announcement>({
  name: "announcements",
  schema: AnnouncementSchema,
});

/**
 * Posts an announcement to everyone: stored and logged as an
 * `announcement` event in one commit.
 */
export async function announce(
  kv: Deno.Kv,
  actor: Actor & { name: string },
  input: z.infer<typeof NewAnnouncementSchema>,
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
    });
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

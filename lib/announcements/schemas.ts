/**
 * The zod schemas of announcements, built from `shared.ts`.
 *
 * @module
 */
import { z } from "zod";
import { ANNOUNCEMENT_LEVELS, MAX_MESSAGE_LENGTH } from "./shared.ts";

/** An announcement id as it arrives in a path or a form. */
export const IdSchema = z.string().trim().min(1, "Which announcement?").max(
  100,
);

/** `POST /api/announcements` body. */
export const NewAnnouncementSchema = z.object({
  message: z.string().trim().min(1, "Write a message").max(MAX_MESSAGE_LENGTH),
  level: z.enum(ANNOUNCEMENT_LEVELS).default("info"),
}).strict();

/** `POST /api/announcements` body, parsed. */
export type NewAnnouncement = z.infer<typeof NewAnnouncementSchema>;

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

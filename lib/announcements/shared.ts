/**
 * Announcements, browser-safe: levels, limits and the view every page,
 * island and API answer shows. No dependencies.
 *
 * @module
 */
import type { Role } from "@/lib/roles.ts";

/** How loud an announcement is. */
export const ANNOUNCEMENT_LEVELS = ["info", "warning", "urgent"] as const;

/** How loud an announcement is. */
export type AnnouncementLevel = typeof ANNOUNCEMENT_LEVELS[number];

/** The longest message, in characters. */
export const MAX_MESSAGE_LENGTH = 500;

/** How long an urgent announcement stays a banner: a week. */
export const BANNER_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** At most this many banners at once (the newest); the rest are listed. */
export const MAX_BANNERS = 3;

/** An announcement as pages, islands and the API show it. */
export interface AnnouncementView {
  id: string;
  message: string;
  level: AnnouncementLevel;
  /** ISO timestamp. */
  createdAt: string;
  from: { id: string; name: string; role: Role };
}

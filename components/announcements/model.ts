/**
 * Announcements in the browser (no zod, no server imports): the view of a
 * live `announcement` event, and how a line says who sent it and when.
 *
 * @module
 */
import { activityTime } from "@/lib/format.ts";
import type { AnnouncementView } from "@/lib/announcements/shared.ts";
import type { EventFrame } from "@/realtime/protocol.ts";

/** The view of a live `announcement` event (its time is the event's). */
export function viewOfEvent(
  event: EventFrame<"announcement">,
): AnnouncementView {
  return {
    id: event.data.id,
    message: event.data.message,
    level: event.data.level,
    createdAt: new Date(event.ts).toISOString(),
    from: event.data.from,
  };
}

/** "Marcus Obi · 14:05" in the production's zone. */
export function sentBy(a: AnnouncementView, timeZone: string): string {
  return `${a.from.name} · ${activityTime(Date.parse(a.createdAt), timeZone)}`;
}

/** Adds `a` in front unless listed already; keeps at most `max`. */
export function prepend(
  list: AnnouncementView[],
  a: AnnouncementView,
  max: number,
): AnnouncementView[] {
  if (list.some((x) => x.id === a.id)) return list;
  return [a, ...list].slice(0, max);
}

/** The channel tabs of one browser tell each other about dismissals on. */
export const DISMISS_CHANNEL = "prodsight-announcement-dismissals";

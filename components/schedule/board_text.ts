/**
 * What the stripboard says in words: others' live changes (the polite live
 * region), a refused edit, and how strips and days are named. Pure.
 *
 * @module
 */
import type { FailureInfo } from "@/components/api.ts";
import { failureText } from "@/components/api.ts";
import type { EventActor } from "@/lib/event_actor.ts";
import type { ScheduleUpdateData, Strip } from "@/lib/schedule/shared.ts";

/** What a refused edit says when the board changed under it. */
export const CONFLICT_TEXT =
  "Someone else moved that strip meanwhile — the board shows their change.";

/** A `schedule_update`'s data as it arrives: with who made it. */
export type ScheduleEvent = ScheduleUpdateData & { by?: EventActor };

/** "scene 12" (or "a scene" without a number), within a sentence. */
export function sceneName(strip: Strip | undefined): string {
  return strip?.number ? `scene ${strip.number}` : "a scene";
}

/** The sentence with its first letter capitalised and a full stop. */
export function sentence(text: string): string {
  const body = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(body) ? body : `${body}.`;
}

/**
 * Someone's change to the schedule as the board tells it: "Dana Kowalski
 * moved scene 12 to day 2."
 */
export function liveNoteOf(data: ScheduleEvent): string {
  const who = data.by?.name || "Someone";
  switch (data.action) {
    case "board":
    case "board_replaced":
      return `${who} ${data.summary}.`;
    case "settings":
      return `${who} changed the calendar and settings.`;
    case "version_saved":
      return `${who} saved the version “${data.versionMeta.name}”.`;
    case "version_locked":
      return `${who} locked “${data.versionMeta.name}” as the shooting schedule.`;
    case "version_unlocked":
      return `${who} unlocked “${data.versionMeta.name}”.`;
    case "version_deleted":
      return `${who} deleted the version “${data.versionMeta.name}”.`;
  }
}

/** What a refused or failed edit tells the person. */
export function opFailureText(failure: FailureInfo): string {
  if (failure.status === 409) return CONFLICT_TEXT;
  if (failure.status === 403) {
    return "You may not change the schedule; the board shows it as it is.";
  }
  return failureText(failure, "Could not change the schedule");
}

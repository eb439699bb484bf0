/**
 * The versions page's plain logic, browser-safe: the list kept current
 * by live events, the words for a version and a move, and which boards
 * a comparison starts with.
 *
 * @module
 */
import { formatDate } from "@/lib/format.ts";
import type { ScheduleVersionMeta } from "@/lib/schedule/shared.ts";

/** The version events of `schedule_update`. */
export type VersionAction =
  | "version_saved"
  | "version_locked"
  | "version_unlocked"
  | "version_deleted";

/** Whether a `schedule_update` action is about a saved version. */
export function isVersionAction(action: unknown): action is VersionAction {
  return action === "version_saved" || action === "version_locked" ||
    action === "version_unlocked" || action === "version_deleted";
}

/** Newest first, as the API lists them. */
function newestFirst(list: ScheduleVersionMeta[]): ScheduleVersionMeta[] {
  return list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The list after a version event: a saved version joins it (once), a
 * locked or unlocked one replaces its entry, a deleted one leaves it.
 */
export function withVersionEvent(
  list: readonly ScheduleVersionMeta[],
  action: VersionAction,
  meta: ScheduleVersionMeta,
): ScheduleVersionMeta[] {
  const others = list.filter((v) => v.id !== meta.id);
  if (action === "version_deleted") return others;
  if (action === "version_saved" || list.some((v) => v.id === meta.id)) {
    return newestFirst([...others, meta]);
  }
  return [...list];
}

/** What happened, for the live announcement. */
export function versionEventText(
  action: VersionAction,
  meta: ScheduleVersionMeta,
  by: string,
): string {
  const who = by || "Someone";
  const name = `“${meta.name}”`;
  switch (action) {
    case "version_saved":
      return meta.locked
        ? `${who} saved ${name} and locked it as the shooting schedule`
        : `${who} saved ${name}`;
    case "version_locked":
      return `${who} locked ${name} as the shooting schedule`;
    case "version_unlocked":
      return `${who} unlocked ${name}`;
    case "version_deleted":
      return `${who} deleted ${name}`;
  }
}

/** "Shooting schedule — locked by Pat Lee on 1 Feb 2027". */
export function lockedText(
  meta: Pick<ScheduleVersionMeta, "lockedAt" | "lockedByName">,
  timeZone: string,
): string {
  const by = meta.lockedByName ? ` by ${meta.lockedByName}` : "";
  const on = meta.lockedAt ? ` on ${formatDate(meta.lockedAt, timeZone)}` : "";
  return `Shooting schedule — locked${by}${on}`;
}

/** "12 strips on 4 days". */
export function countsText(
  meta: Pick<ScheduleVersionMeta, "scheduled" | "days">,
): string {
  const strips = meta.scheduled === 1 ? "strip" : "strips";
  const days = meta.days === 1 ? "day" : "days";
  return `${meta.scheduled} ${strips} on ${meta.days} ${days}`;
}

/** Where a scene stands on a board: "Day 3", or "Boneyard". */
export function dayText(day: number | null): string {
  return day === null ? "Boneyard" : `Day ${day}`;
}

/**
 * The boards a comparison starts with: the shooting schedule (the locked
 * version, else the newest) against the working board.
 */
export function defaultPair(
  versions: readonly ScheduleVersionMeta[],
): { a: string; b: string } {
  const base = versions.find((v) => v.locked) ?? versions[0];
  return { a: base?.id ?? "working", b: "working" };
}

/** A board's choice in a picker, back to "working" when it is gone. */
export function stillThere(
  choice: string,
  versions: readonly ScheduleVersionMeta[],
): string {
  return choice === "working" || versions.some((v) => v.id === choice)
    ? choice
    : "working";
}

/**
 * Events since a visit as changes to records: one change per record (a
 * task moved three times is one changed task), said by the activity feed's
 * line for its newest event (lib/activity_text.ts), and marked new, changed
 * or removed from its first and last event. A record made and removed in
 * between is left out: the viewer never saw it, and it is gone.
 *
 * @module
 */
import { describeEvent, type DescribeOptions } from "@/lib/activity_text.ts";
import type { ActivityItem } from "@/lib/activity_text.ts";
import type { ChangeKind, RecordNoun } from "./shared.ts";

/** The record an event is about, and whether it made or removed it. */
export interface EventSubject {
  noun: RecordNoun;
  id: string;
  creates: boolean;
  removes: boolean;
}

/** One record's change since the visit. */
export interface RecordChange {
  noun: RecordNoun;
  id: string;
  kind: ChangeKind;
  /** The feed's line for the record's newest event. */
  item: ActivityItem;
}

/** An event of the log, as far as this module reads it. */
export interface LoggedEvent {
  id: string;
  ts: number;
  type: string;
  data: unknown;
}

// Event data comes out of the log: read it defensively.
// deno-lint-ignore no-explicit-any
type Data = any;

function subject(
  noun: RecordNoun,
  id: unknown,
  creates = false,
  removes = false,
): EventSubject | null {
  return typeof id === "string" && id !== ""
    ? { noun, id, creates, removes }
    : null;
}

/**
 * The record `event` is about; null for events about no one record (a
 * link, a comment, an inbox notice: their own features tell of them).
 */
export function subjectOf(
  event: { type: string; data: unknown },
): EventSubject | null {
  const d = (event.data ?? {}) as Data;
  const action = d.action;
  switch (event.type) {
    case "task_update":
      return subject(
        "task",
        d.task?.id,
        action === "created",
        action === "deleted",
      );
    case "budget_update":
      return action === "expense_created" || action === "expense_deleted"
        ? subject(
          "expense",
          d.expense?.id,
          action === "expense_created",
          action === "expense_deleted",
        )
        : subject(
          "budget_category",
          d.category?.id,
          action === "category_created",
          action === "category_deleted",
        );
    case "script_update":
      if (action === "imported") {
        return subject("script", d.script?.id, d.version?.number === 1);
      }
      if (action === "scene_updated") {
        // A scene is the same scene across drafts by its key.
        return subject("scene", d.scene?.key ?? d.scene?.id);
      }
      return subject("element", d.element?.id);
    case "vfx_update":
      return subject("shot", d.shot?.id, action === "shot_created");
    case "asset_update":
      return subject(
        "file",
        d.asset?.id,
        action === "uploaded",
        action === "deleted",
      );
    case "announcement":
      return subject("announcement", d.id, true);
    case "user_update":
      return subject(
        "member",
        d.user?.id,
        action === "created",
        action === "removed",
      );
    case "production_update":
      return subject("settings", "production");
    default:
      return null;
  }
}

/** Who made the change an event reports (announcements say `from`). */
export function eventActorId(event: { data: unknown }): string | null {
  const d = (event.data ?? {}) as Data;
  const id = d.by?.id ?? d.from?.id;
  return typeof id === "string" ? id : null;
}

/**
 * The changes `events` (in log order) made, one per record, newest first;
 * events the feed does not describe are skipped.
 */
export function collectChanges(
  events: Iterable<LoggedEvent>,
  options: DescribeOptions,
): RecordChange[] {
  const records = new Map<
    string,
    { first: EventSubject; last: EventSubject; item: ActivityItem }
  >();
  for (const event of events) {
    const about = subjectOf(event);
    if (about === null) continue;
    const item = describeEvent(event, options);
    if (item === null) continue;
    const key = `${about.noun}:${about.id}`;
    const seen = records.get(key);
    if (seen === undefined) {
      records.set(key, { first: about, last: about, item });
    } else records.set(key, { ...seen, last: about, item });
  }
  const changes: RecordChange[] = [];
  for (const { first, last, item } of records.values()) {
    if (first.creates && last.removes) continue;
    const kind: ChangeKind = last.removes
      ? "removed"
      : first.creates
      ? "new"
      : "changed";
    changes.push({ noun: first.noun, id: first.id, kind, item });
  }
  // Event ids are fixed-width: string order is log order.
  return changes.sort((a, b) =>
    a.item.id < b.item.id ? 1 : a.item.id > b.item.id ? -1 : 0
  );
}

/**
 * The personal inbox (issue #13): what can land in it, the item and event
 * shapes, paging. Browser-safe: the badge and the inbox page read it.
 *
 * Each member has one inbox per production; nobody reads another's. Items
 * are added by other modules' services in the same commit as the change
 * they tell of (`notify` in notify.ts).
 *
 * @module
 */
import type { RecordRef } from "@/lib/records/shared.ts";

/** Every kind of inbox item. */
export const INBOX_KINDS = [
  "mention",
  "assigned",
  "unassigned",
  "review_requested",
  "review_decision",
  "scene_approved",
  "budget_alert",
  "ripple",
  "call_sheet",
] as const;

/** A kind of inbox item. */
export type InboxKind = typeof INBOX_KINDS[number];

/** Short labels per kind, for the inbox page. */
export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  mention: "Mention",
  assigned: "Assigned",
  unassigned: "Unassigned",
  review_requested: "Review",
  review_decision: "Review decision",
  scene_approved: "Scene approved",
  budget_alert: "Budget alert",
  ripple: "Script change",
  call_sheet: "Call sheet",
};

/** Items per page of the inbox. */
export const INBOX_PAGE_SIZE = 50;

/** Longest title and body an item keeps (longer text is cut with "…"). */
export const MAX_ITEM_TITLE = 200;
/** See {@linkcode MAX_ITEM_TITLE}. */
export const MAX_ITEM_BODY = 500;

/** An inbox item as stored and sent. */
export interface InboxItem {
  /** Time-ordered: a later item has a greater id. */
  id: string;
  userId: string;
  kind: InboxKind;
  title: string;
  body: string;
  /** The page it leads to, inside the production (`/tasks/<id>`). */
  href: string;
  /** The record it is about, if any. */
  ref: RecordRef | null;
  /** Who caused it. */
  actorName: string;
  createdAt: string;
  readAt: string | null;
}

/** What a service passes to `notify` for one item. */
export interface NewInboxItem {
  userId: string;
  kind: InboxKind;
  title: string;
  body?: string;
  href: string;
  ref?: RecordRef | null;
}

/** `inbox_update` event data, sent to the inbox's owner only. */
export type InboxUpdateData =
  | { action: "added"; item: InboxItem }
  | { action: "read"; id: string }
  | { action: "read_all" };

/** `GET /api/p/:slug/inbox`: newest first. */
export interface InboxPage {
  items: InboxItem[];
  /** Pass as `?cursor=` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** Cuts `text` to `max` characters, ending with "…" when cut. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Comments on records (issue #13): the limits, the edit window, the wire
 * types and the `@mention` syntax. Browser-safe: the thread island reads
 * the limits and the mention parser from here.
 *
 * A comment belongs to one record of the production (a {@linkcode RecordRef}
 * of lib/records) and is seen by exactly who may see that record.
 *
 * @module
 */
import type { RecordCard, RecordRef } from "@/lib/records/shared.ts";
import type { Role } from "@/lib/roles.ts";

/** Longest comment, in characters (after trimming). */
export const MAX_COMMENT_CHARS = 4000;

/** How long after posting its author may still edit a comment. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

/** Most comments a thread lists: the newest ones, oldest first. */
export const MAX_THREAD_COMMENTS = 500;

/** A comment as stored and sent. */
export interface Comment {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The record it is about. */
  target: RecordRef;
  authorId: string;
  /** The author's name when they posted. */
  authorName: string;
  body: string;
  /** The members it mentions who may see the record (user ids). */
  mentions: string[];
  /** When the author last edited it; null when never. */
  editedAt: string | null;
}

/** What a `comment_update` event reports. */
export const COMMENT_ACTIONS = ["created", "edited", "deleted"] as const;

/** A kind of comment change. */
export type CommentAction = typeof COMMENT_ACTIONS[number];

/** `comment_update` event data: the comment and the record it is on. */
export interface CommentUpdateData {
  action: CommentAction;
  comment: Comment;
  target: RecordCard;
}

/** `GET /api/p/:slug/comments?record=type:id`. */
export interface CommentThread {
  record: RecordCard;
  /** Oldest first. */
  comments: Comment[];
}

/** What a record page's conversation starts from: the thread and its reader. */
export interface CommentPanel {
  thread: CommentThread;
  viewerId: string;
  /** Management: may delete anyone's comment. */
  moderator: boolean;
  /** The production's time zone, for the comments' times. */
  timeZone: string;
}

/** A member who may be mentioned on a record (may see it). */
export interface Mentionable {
  id: string;
  name: string;
  username: string;
  role: Role;
}

/**
 * `@username` tokens: an `@` at the start or after a character that cannot
 * end an address (so `ana@crew.example` mentions nobody), then a username's
 * characters; a trailing dot is punctuation ("thanks @crew.").
 */
const MENTION = /(^|[^A-Za-z0-9._%+-])@([A-Za-z0-9._-]{3,32})/g;

/**
 * The usernames a comment's text mentions, lower-cased, each once, in
 * order of first appearance.
 *
 * @example
 * ```ts
 * mentionedUsernames("@Crew can you check? cc @vfx."); // ["crew", "vfx"]
 * mentionedUsernames("mail ana@crew.example"); // []
 * ```
 */
export function mentionedUsernames(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const name = match[2].replace(/\.+$/, "").toLowerCase();
    if (name.length >= 3) found.add(name);
  }
  return [...found];
}

/**
 * The `@` word being typed just before `caret`, for autocomplete: its
 * start (the `@`) and the text after the `@`; null when the caret is not
 * in one.
 *
 * @example
 * ```ts
 * mentionAt("hi @cr", 6); // { start: 3, query: "cr" }
 * mentionAt("hi cr", 5); // null
 * ```
 */
export function mentionAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = before.match(/(^|[^A-Za-z0-9._%+-])@([A-Za-z0-9._-]{0,32})$/);
  if (match === null) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** Whether the author may still edit a comment posted at `createdAt`. */
export function withinEditWindow(createdAt: string, now: number): boolean {
  return now - Date.parse(createdAt) <= EDIT_WINDOW_MS;
}

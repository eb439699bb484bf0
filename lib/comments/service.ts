/**
 * Comments on any record of the production: list, post, edit, delete, and
 * who may be mentioned. A thread is visible to exactly who may see its
 * record (lib/records `mayRead`): for anyone else the record, and every
 * comment on it, is not found. Anyone who sees the record may comment; the
 * author may edit within 15 minutes; the author or management may delete.
 *
 * Every change commits, together: the comment, its history entry, one
 * `comment_update` to who may see the record, and an inbox item for each
 * newly mentioned member who may see it (mentions of anyone else are
 * dropped, never told).
 *
 * @module
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "@/lib/errors.ts";
import { notify } from "@/lib/inbox/notify.ts";
import {
  audienceOf,
  type FoundRecord,
  mayRead,
  RecordDirectory,
} from "@/lib/records/directory.ts";
import { RECORD_TYPE_LABELS, type RecordRef } from "@/lib/records/shared.ts";
import { MANAGEMENT } from "@/lib/roles.ts";
import { emitTo, type ServiceContext } from "@/lib/service.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { listMembers, type Member } from "@/lib/team/members.ts";
import { CommentBodySchema } from "./schemas.ts";
import {
  type Comment,
  type CommentAction,
  type CommentThread,
  EDIT_WINDOW_MS,
  type Mentionable,
  mentionedUsernames,
  withinEditWindow,
} from "./shared.ts";
import { COMMENT_HISTORY_FIELDS, comments, threadOf } from "./store.ts";

/** The record `ref` names if the actor may see it, else NotFoundError. */
async function visibleTarget(
  cx: ServiceContext,
  ref: RecordRef,
): Promise<FoundRecord> {
  const found = await new RecordDirectory(cx.kv).find(ref);
  if (found === null || !mayRead(cx.actor, found)) {
    throw new NotFoundError(
      "record",
      `No ${RECORD_TYPE_LABELS[ref.type].toLowerCase()} with id ${ref.id}`,
    );
  }
  return found;
}

/** The active members who may see the record. */
async function readersOf(kv: Deno.Kv, found: FoundRecord): Promise<Member[]> {
  return (await listMembers(kv)).filter((m) =>
    m.active && mayRead({ id: m.id, role: m.role }, found)
  );
}

/** The ids of the members `body` mentions who may see the record. */
async function mentionsIn(
  kv: Deno.Kv,
  found: FoundRecord,
  body: string,
): Promise<string[]> {
  const names = mentionedUsernames(body);
  if (names.length === 0) return [];
  const byName = new Map(
    (await readersOf(kv, found)).map((m) => [m.username, m.id]),
  );
  return names.flatMap((n) => byName.get(n) ?? []);
}

function checkedBody(body: string): string {
  const parsed = CommentBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: ["body"], message: i.message })),
    );
  }
  return parsed.data;
}

/** A comment's own page: its record's, at the comment. */
function commentHref(found: FoundRecord, id: string): string {
  const href = found.card.href;
  return href.includes("#") ? href : `${href}#comment-${id}`;
}

/** Logs the change's event and tells the newly mentioned. */
function announce(
  tx: Transaction,
  cx: ServiceContext,
  action: CommentAction,
  comment: Comment,
  found: FoundRecord,
  mentioned: readonly string[] = [],
) {
  emitTo(tx, cx, "comment_update", audienceOf(found), {
    action,
    comment,
    target: found.card,
  });
  notify(
    tx,
    cx,
    mentioned.map((userId) => ({
      userId,
      kind: "mention" as const,
      title: `${cx.actor.name} mentioned you on ${found.card.title}`,
      body: comment.body,
      href: commentHref(found, comment.id),
      ref: found.card.ref,
    })),
    new Date(comment.updatedAt),
  );
}

/** The comments on a record, oldest first; 404 if the actor may not see it. */
export async function listComments(
  cx: ServiceContext,
  ref: RecordRef,
): Promise<CommentThread> {
  const found = await visibleTarget(cx, ref);
  return { record: found.card, comments: await threadOf(cx.kv, ref) };
}

/**
 * The members who may be mentioned on a record (who may see it), by
 * name, with their usernames: what the thread's `@` autocomplete offers.
 */
export async function mentionableOn(
  cx: ServiceContext,
  ref: RecordRef,
): Promise<Mentionable[]> {
  const found = await visibleTarget(cx, ref);
  return (await readersOf(cx.kv, found))
    .map(({ id, name, username, role }) => ({ id, name, username, role }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Posts a comment on a record the actor may see. */
export async function createComment(
  cx: ServiceContext,
  ref: RecordRef,
  text: string,
): Promise<Comment> {
  const body = checkedBody(text);
  const found = await visibleTarget(cx, ref);
  const mentions = await mentionsIn(cx.kv, found, body);
  const { result } = await transact(cx.kv, async (tx) => {
    const comment = await comments.insert(tx, {
      target: found.card.ref,
      authorId: cx.actor.id,
      authorName: cx.actor.name,
      body,
      mentions,
      editedAt: null,
    }, { now: cx.now() });
    tx.recordChange({
      collection: comments.name,
      record: comment,
      actor: cx.actor,
      action: "created",
      changes: diffFields(null, comment, COMMENT_HISTORY_FIELDS),
    });
    announce(tx, cx, "created", comment, found, mentions);
    return comment;
  });
  return result;
}

/** A comment whose record the actor may see, with that record. */
async function visibleComment(cx: ServiceContext, id: string) {
  const comment = await comments.get(cx.kv, id);
  if (comment === null) throw new NotFoundError("comment");
  const found = await new RecordDirectory(cx.kv).find(comment.target);
  if (found === null || !mayRead(cx.actor, found)) {
    throw new NotFoundError("comment");
  }
  return { comment, found };
}

/**
 * Changes a comment's text: its author only, within 15 minutes of posting
 * (a 409 `edit_window_closed` after). Members mentioned for the first
 * time are told; those mentioned before are not told again.
 */
export async function editComment(
  cx: ServiceContext,
  id: string,
  text: string,
  ifVersion?: number,
): Promise<Comment> {
  const body = checkedBody(text);
  const { found } = await visibleComment(cx, id);
  const mentions = await mentionsIn(cx.kv, found, body);
  const { result } = await transact(cx.kv, async (tx) => {
    const current = await comments.get(tx, id);
    if (current === null) throw new NotFoundError("comment");
    if (current.authorId !== cx.actor.id) {
      throw new ForbiddenError("Only its author can edit a comment");
    }
    if (ifVersion !== undefined && ifVersion !== current.version) {
      throw new VersionConflictError(current, ifVersion);
    }
    const now = cx.now();
    if (!withinEditWindow(current.createdAt, now.getTime())) {
      throw new ConflictError(
        `A comment can be edited for ${
          EDIT_WINDOW_MS / 60_000
        } minutes after it is posted; that window has closed for this one`,
        "edit_window_closed",
      );
    }
    if (body === current.body) return current;
    const { before, after } = await comments.update(tx, id, () => ({
      body,
      mentions,
      editedAt: now.toISOString(),
    }), { now });
    tx.recordChange({
      collection: comments.name,
      record: after,
      actor: cx.actor,
      action: "edited",
      changes: diffFields(before, after, COMMENT_HISTORY_FIELDS),
    });
    const fresh = mentions.filter((m) => !before.mentions.includes(m));
    announce(tx, cx, "edited", after, found, fresh);
    return after;
  });
  return result;
}

/** Deletes a comment: its author, or management. */
export async function deleteComment(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<void> {
  const { found } = await visibleComment(cx, id);
  await transact(cx.kv, async (tx) => {
    const current = await comments.get(tx, id);
    if (current === null) throw new NotFoundError("comment");
    if (
      current.authorId !== cx.actor.id && !MANAGEMENT.includes(cx.actor.role)
    ) {
      throw new ForbiddenError(
        "Only its author or management can delete a comment",
      );
    }
    const removed = await comments.remove(tx, id, { ifVersion });
    announce(tx, cx, "deleted", removed, found);
  });
}

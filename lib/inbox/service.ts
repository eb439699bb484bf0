/**
 * The inbox's operations: a member's own items, their unread count,
 * marking read. Every operation is on the actor's own inbox: there is no
 * way to name another's, so nobody reads it. Items come in through
 * {@linkcode notify} (re-exported here), called by other services in the
 * commit of the change they tell of.
 *
 * Marking read emits `inbox_update` to the owner alone, so every open tab
 * of theirs updates its count.
 *
 * @module
 */
import { NotFoundError } from "@/lib/errors.ts";
import { emitTo, type ServiceContext } from "@/lib/service.ts";
import { transact } from "@/lib/store/transaction.ts";
import { INBOX_PAGE_SIZE, type InboxItem, type InboxPage } from "./shared.ts";
import {
  countUnread,
  getItem,
  listItems,
  unreadItems,
  writeItem,
} from "./store.ts";

export { MAX_ITEMS_PER_COMMIT, notify } from "./notify.ts";
export { membersWithRoles } from "./recipients.ts";

/** Items marked read per commit by "mark all read" (two mutations each). */
const READ_ALL_BATCH = 200;
/** Bounds "mark all read" (200 × 50 items); the rest wait for another. */
const READ_ALL_MAX_BATCHES = 50;

function mine(cx: ServiceContext) {
  return { roles: [], users: [cx.actor.id] };
}

/** A page of the actor's inbox, newest first (only unread with `unread`). */
export function listInbox(
  cx: ServiceContext,
  query: { unread?: boolean; cursor?: string } = {},
): Promise<InboxPage> {
  return listItems(cx.kv, cx.actor.id, {
    unread: query.unread,
    cursor: query.cursor,
    limit: INBOX_PAGE_SIZE,
  });
}

/** How many unread items the actor has. */
export function unreadCount(cx: ServiceContext): Promise<number> {
  return countUnread(cx.kv, cx.actor.id);
}

/**
 * Marks one of the actor's items read (idempotent: a read one is returned
 * as it is, with no event). NotFoundError for an id not in their inbox.
 */
export async function markRead(
  cx: ServiceContext,
  id: string,
): Promise<InboxItem> {
  const { result } = await transact(cx.kv, async (tx) => {
    const item = await getItem(tx, cx.actor.id, id);
    if (item === null) throw new NotFoundError("inbox item");
    if (item.readAt !== null) return item;
    const read = { ...item, readAt: cx.now().toISOString() };
    writeItem(tx, read);
    emitTo(tx, cx, "inbox_update", mine(cx), { action: "read", id });
    return read;
  });
  return result;
}

/**
 * Marks every unread item of the actor read, in commits of 200, each
 * with an `inbox_update {action: "read_all"}`; returns how many.
 */
export async function markAllRead(cx: ServiceContext): Promise<number> {
  let marked = 0;
  for (let batch = 0; batch < READ_ALL_MAX_BATCHES; batch++) {
    const items = await unreadItems(cx.kv, cx.actor.id, READ_ALL_BATCH);
    if (items.length === 0) break;
    const readAt = cx.now().toISOString();
    await transact(cx.kv, (tx) => {
      // Unchecked reads: nothing but a read mark ever changes an item, and
      // setting one twice is harmless.
      for (const item of items) writeItem(tx, { ...item, readAt });
      emitTo(tx, cx, "inbox_update", mine(cx), { action: "read_all" });
      return Promise.resolve();
    });
    marked += items.length;
    if (items.length < READ_ALL_BATCH) break;
  }
  return marked;
}

/**
 * Inboxes in KV, per member (the production's view adds the production):
 * `["inbox", userId, itemId]` holds the item and
 * `["inbox_unread", userId, itemId]` marks it unread. Item ids grow with
 * time, so a reverse list of a user's prefix is newest first, and the
 * unread count is a count of keys, values unread.
 *
 * @module
 */
import type { Transaction } from "@/lib/store/transaction.ts";
import { InboxItemSchema } from "./schemas.ts";
import type { InboxItem, InboxPage } from "./shared.ts";

const ITEMS = "inbox";
const UNREAD = "inbox_unread";

/** The key of a user's item. */
export function itemKey(userId: string, id: string): Deno.KvKey {
  return [ITEMS, userId, id];
}

/** The key that marks a user's item unread. */
export function unreadKey(userId: string, id: string): Deno.KvKey {
  return [UNREAD, userId, id];
}

/** A new random item id at `ms`, `place` being its order in its commit. */
export function newItemId(ms: number, place: number): string {
  const time = Math.max(0, Math.floor(ms)).toString(36).padStart(10, "0");
  const order = (place % 1296).toString(36).padStart(2, "0");
  const random = crypto.getRandomValues(new Uint32Array(1))[0]
    .toString(16).padStart(8, "0");
  return `${time}${order}-${random}`;
}

/** Writes an item (and its unread mark while unread): mutations only. */
export function writeItem(tx: Transaction, item: InboxItem): void {
  tx.set(itemKey(item.userId, item.id), InboxItemSchema.parse(item));
  if (item.readAt === null) tx.set(unreadKey(item.userId, item.id), true);
  else tx.delete(unreadKey(item.userId, item.id));
}

/** One of the user's items, or null; through a transaction it is checked. */
export async function getItem(
  reader: Deno.Kv | Transaction,
  userId: string,
  id: string,
): Promise<InboxItem | null> {
  const entry = await reader.get<unknown>(itemKey(userId, id));
  return entry.value === null ? null : InboxItemSchema.parse(entry.value);
}

/** Reads items by id, up to ten keys a call, skipping ones gone. */
async function readItems(
  kv: Deno.Kv,
  userId: string,
  ids: string[],
): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  for (let i = 0; i < ids.length; i += 10) {
    const entries = await kv.getMany<unknown[]>(
      ids.slice(i, i + 10).map((id) => itemKey(userId, id)),
    );
    for (const entry of entries) {
      if (entry.value !== null) items.push(InboxItemSchema.parse(entry.value));
    }
  }
  return items;
}

/**
 * A page of the user's items, newest first, older than `cursor` when
 * given; only unread ones with `unread`.
 */
export async function listItems(
  kv: Deno.Kv,
  userId: string,
  options: { unread?: boolean; cursor?: string; limit: number },
): Promise<InboxPage> {
  const prefix = [options.unread ? UNREAD : ITEMS, userId];
  const selector: Deno.KvListSelector = options.cursor
    ? { prefix, end: [...prefix, options.cursor] }
    : { prefix };
  const iter = kv.list<unknown>(selector, {
    reverse: true,
    limit: options.limit + 1,
  });
  const ids: string[] = [];
  const values: unknown[] = [];
  for await (const entry of iter) {
    ids.push(entry.key[2] as string);
    values.push(entry.value);
  }
  const more = ids.length > options.limit;
  const pageIds = ids.slice(0, options.limit);
  const items = options.unread
    ? await readItems(kv, userId, pageIds)
    : values.slice(0, options.limit).map((v) => InboxItemSchema.parse(v));
  return { items, nextCursor: more ? pageIds.at(-1)! : null };
}

/** How many unread items the user has: a count of keys. */
export async function countUnread(
  kv: Deno.Kv,
  userId: string,
): Promise<number> {
  let n = 0;
  const iter = kv.list({ prefix: [UNREAD, userId] }, { batchSize: 500 });
  for await (const _ of iter) n++;
  return n;
}

/** The user's unread items, newest first, at most `limit`. */
export async function unreadItems(
  kv: Deno.Kv,
  userId: string,
  limit: number,
): Promise<InboxItem[]> {
  return (await listItems(kv, userId, { unread: true, limit })).items;
}

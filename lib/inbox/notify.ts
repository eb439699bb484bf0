/**
 * Adding inbox items from any module's service, in the caller's commit:
 * an item exists if and only if the change it tells of committed. Only
 * mutations (two keys and one event per item), never a check, so the
 * caller's commit keeps within its ten checks.
 *
 * @module
 */
import { refKey } from "@/lib/records/shared.ts";
import { emitTo, type ServiceContext } from "@/lib/service.ts";
import type { Transaction } from "@/lib/store/transaction.ts";
import {
  clip,
  type InboxItem,
  MAX_ITEM_BODY,
  MAX_ITEM_TITLE,
  type NewInboxItem,
} from "./shared.ts";
import { newItemId, writeItem } from "./store.ts";

/**
 * Most items one commit may add: three mutations each (the item, its
 * unread mark, its event), leaving the caller room under KV's 1,000.
 */
export const MAX_ITEMS_PER_COMMIT = 150;

/**
 * Adds `items` to their users' inboxes in `tx`'s commit, each with an
 * `inbox_update {action: "added", item}` event to that user alone, and
 * returns the items added, stamped `at` (the change's own time; the
 * context's clock when not given). `actorName` is the context's actor;
 * titles and bodies are cut to their limits. An item addressed to the
 * actor is dropped (nobody is told of what they did themselves), and so is a
 * repeat of one (same user, kind and record) in the same call. Checks
 * nothing: the caller decides who may be told (a member who may see the
 * record).
 *
 * @example
 * ```ts
 * await transact(cx.kv, async (tx) => {
 *   // …the change…
 *   notify(tx, cx, [{
 *     userId: assigneeId,
 *     kind: "assigned",
 *     title: `${cx.actor.name} assigned you “${task.title}”`,
 *     href: `/tasks/${task.id}`,
 *     ref: { type: "task", id: task.id },
 *   }]);
 * });
 * ```
 */
export function notify(
  tx: Transaction,
  cx: ServiceContext,
  items: readonly NewInboxItem[],
  at?: Date,
): InboxItem[] {
  if (items.length === 0) return [];
  const now = at ?? cx.now();
  const seen = new Set<string>();
  const added: InboxItem[] = [];
  for (const input of items) {
    if (input.userId === "" || input.userId === cx.actor.id) continue;
    const ref = input.ref ?? null;
    // One item per member per thing: a record, or else where it leads (a
    // draft's ripple notice and its schedule notice are two things).
    const key = `${input.userId} ${input.kind} ${
      ref ? refKey(ref) : input.href
    }`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (added.length === MAX_ITEMS_PER_COMMIT) {
      throw new Error(
        `notify: at most ${MAX_ITEMS_PER_COMMIT} inbox items per commit`,
      );
    }
    const item: InboxItem = {
      id: newItemId(now.getTime(), added.length),
      userId: input.userId,
      kind: input.kind,
      title: clip(input.title, MAX_ITEM_TITLE),
      body: clip(input.body ?? "", MAX_ITEM_BODY),
      href: input.href,
      ref,
      actorName: cx.actor.name,
      createdAt: now.toISOString(),
      readAt: null,
    };
    writeItem(tx, item);
    emitTo(tx, cx, "inbox_update", { roles: [], users: [item.userId] }, {
      action: "added",
      item,
    });
    added.push(item);
  }
  return added;
}

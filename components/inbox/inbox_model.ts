/**
 * The inbox page's list as a signal model: the items (newest first, more
 * by cursor), live additions and read marks from `inbox_update` (from
 * this tab or another), opening an item (marked read first), and "Mark
 * all read". Tested without a DOM (inbox_model_test.ts).
 *
 * @module
 */
import { computed, createModel, signal } from "@preact/signals";
import type { ApiFailure } from "@/components/api.ts";
import { followRealtime, type World } from "@/components/world.ts";
import type { InboxItem, InboxPage } from "@/lib/inbox/shared.ts";

/** What the page gives the list. */
export interface InboxInit {
  page: InboxPage;
  /** The page lists unread items only. */
  unreadOnly: boolean;
}

function failureText(e: unknown, fallback: string): string {
  const failure = e as Partial<ApiFailure>;
  return failure?.status === 0
    ? "The server could not be reached; try again when the connection is back."
    : failure?.error?.message ?? fallback;
}

/** The inbox list: `new InboxModel(world, init)`. */
export const InboxModel = createModel((world: World, init: InboxInit) => {
  const { send, clock } = world;
  const items = signal<InboxItem[]>(init.page.items);
  const cursor = signal<string | null>(init.page.nextCursor);
  const busy = signal(false);
  const error = signal<string | null>(null);
  /** Ids added live since the page loaded (announced, highlighted). */
  const fresh = signal<ReadonlySet<string>>(new Set());
  const base = init.unreadOnly ? "/api/inbox?unread=1" : "/api/inbox";

  const markLocally = (match: (item: InboxItem) => boolean) => {
    const at = new Date(clock.now()).toISOString();
    items.value = items.value.map((i) =>
      i.readAt === null && match(i) ? { ...i, readAt: at } : i
    );
  };

  const reload = async () => {
    try {
      const page = await send<InboxPage>("GET", base);
      items.value = page.items;
      cursor.value = page.nextCursor;
    } catch (e) {
      error.value = failureText(e, "The inbox could not be loaded");
    }
  };

  followRealtime(world, ["inbox_update"], (event) => {
    const data = event.data;
    if (data.action === "added") {
      if (items.value.some((i) => i.id === data.item.id)) return;
      items.value = [data.item, ...items.value];
      fresh.value = new Set([...fresh.value, data.item.id]);
    } else if (data.action === "read") markLocally((i) => i.id === data.id);
    else markLocally(() => true);
  }, reload);

  return {
    items,
    cursor,
    busy,
    error,
    fresh,
    unread: computed(() => items.value.filter((i) => i.readAt === null).length),
    reload,
    /** Marks `item` read (if it is not); resolves when the server has it. */
    async open(item: InboxItem): Promise<void> {
      if (item.readAt !== null) return;
      markLocally((i) => i.id === item.id);
      try {
        await send("POST", `/api/inbox/${encodeURIComponent(item.id)}/read`);
      } catch {
        // Opening the page matters more than the mark: it is read again
        // next time, or with "Mark all read".
      }
    },
    /** Marks every item read. */
    async markAllRead(): Promise<void> {
      if (busy.value) return;
      busy.value = true;
      try {
        await send("POST", "/api/inbox/read-all");
        markLocally(() => true);
        error.value = null;
      } catch (e) {
        error.value = failureText(e, "The items were not marked read");
      } finally {
        busy.value = false;
      }
    },
    /** Loads the next (older) page. */
    async more(): Promise<void> {
      if (cursor.value === null || busy.value) return;
      busy.value = true;
      try {
        const sep = base.includes("?") ? "&" : "?";
        const page = await send<InboxPage>(
          "GET",
          `${base}${sep}cursor=${encodeURIComponent(cursor.value)}`,
        );
        const known = new Set(items.value.map((i) => i.id));
        items.value = [
          ...items.value,
          ...page.items.filter((i) => !known.has(i.id)),
        ];
        cursor.value = page.nextCursor;
      } catch (e) {
        error.value = failureText(e, "More items could not be loaded");
      } finally {
        busy.value = false;
      }
    },
  };
});

/** An inbox list model. */
export type InboxListModel = InstanceType<typeof InboxModel>;

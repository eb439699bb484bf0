/**
 * The shell's unread badge as a signal model: the count, live on
 * `inbox_update`. Each event moves the count at once (an item added: +1,
 * read: −1, all read: 0), then the count is read again from the server,
 * the newest answer winning, so every tab of the user ends on the
 * server's figure even if an event and a read crossed.
 *
 * @module
 */
import { computed, createModel, signal } from "@preact/signals";
import { followRealtime, type World } from "@/components/world.ts";

/** "Inbox, 3 unread" (or "Inbox, no unread items"). */
export function badgeLabel(count: number): string {
  return count === 0 ? "Inbox, no unread items" : `Inbox, ${count} unread`;
}

/** The badge of one tab: `new BadgeModel(world, { count })`. */
export const BadgeModel = createModel(
  (world: World, init: { count: number }) => {
    const count = signal(init.count);
    let asked = 0;

    /** Reads the count from the server; a later call's answer wins. */
    const refresh = async () => {
      const mine = ++asked;
      try {
        const answer = await world.send<{ count: number }>(
          "GET",
          "/api/inbox/unread",
        );
        if (mine === asked) count.value = answer.count;
      } catch {
        // Keep the figure we have: the next event or reconnect asks again.
      }
    };

    followRealtime(world, ["inbox_update"], (event) => {
      const data = event.data;
      if (data.action === "added") count.value++;
      else if (data.action === "read") {
        count.value = Math.max(0, count.value - 1);
      } else count.value = 0;
      void refresh();
    }, refresh);

    return {
      count,
      label: computed(() => badgeLabel(count.value)),
      refresh,
    };
  },
);

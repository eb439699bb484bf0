import { useModel, useSignalEffect } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { BadgeModel } from "@/components/inbox/badge_model.ts";
import { useHref } from "@/components/production_path.ts";
import { browserWorld } from "@/components/world.ts";
import { getRealtimeClient } from "@/realtime/client.ts";

/**
 * The top bar's link to the inbox with the unread count, live in every
 * tab: an item added, read or all read anywhere moves it. Its accessible
 * name says it in words ("Inbox, 3 unread"). The state is
 * {@linkcode BadgeModel}'s.
 */
export default function InboxBadge({ count }: { count: number }) {
  const model = useModel(() => new BadgeModel(browserWorld(), { count }));
  const href = useHref();
  // The socket starts from the newest event when it connects: what came
  // between the page's render and then is read from the server.
  useSignalEffect(() => {
    if (!IS_BROWSER) return;
    if (getRealtimeClient().state.value.status === "online") {
      void model.refresh();
    }
  });
  const n = model.count.value;
  return (
    <a
      class={n > 0 ? "inbox-badge inbox-badge-unread" : "inbox-badge"}
      href={href("/inbox")}
      aria-label={model.label.value}
      data-unread={n}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        width="18"
        height="18"
        fill="none"
        stroke="currentColor"
        stroke-width="1.6"
      >
        <path d="M3 11.5 5.2 4.6A1.5 1.5 0 0 1 6.6 3.5h6.8a1.5 1.5 0 0 1 1.4 1.1l2.2 6.9v3.5a1.5 1.5 0 0 1-1.5 1.5H4.5A1.5 1.5 0 0 1 3 15z" />
        <path d="M3 11.5h4l1 2h4l1-2h4" />
      </svg>
      <span class="inbox-badge-text">Inbox</span>
      {n > 0 && <span class="inbox-count">{n > 99 ? "99+" : n}</span>}
    </a>
  );
}

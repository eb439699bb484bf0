import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect } from "preact/hooks";
import { formatPercent } from "../lib/budget/money.ts";
import { ROLE_LABELS } from "../lib/roles.ts";
import { getRealtimeClient } from "../realtime/client.ts";

interface Toast {
  id: string;
  title: string;
  text: string;
  level: "info" | "warning" | "urgent";
  /** A page to open about it. */
  link?: { href: string; label: string };
}

const AUTO_DISMISS_MS = 8_000;

/**
 * Notifications: announcements for everyone, and changes that concern the
 * signed-in user. Urgent ones stay until dismissed.
 */
export default function Toasts() {
  const toasts = useSignal<Toast[]>([]);
  useEffect(() => {
    if (!IS_BROWSER) return;
    const client = getRealtimeClient();
    const push = (toast: Toast) => {
      toasts.value = [...toasts.value, toast];
      if (toast.level !== "urgent") {
        setTimeout(() => dismiss(toast.id), AUTO_DISMISS_MS);
      }
    };
    const offAnnouncement = client.subscribe("announcement", (e) =>
      push({
        id: e.id,
        title: `Announcement from ${e.data.from.name}`,
        text: e.data.message,
        level: e.data.level,
      }));
    const offUser = client.subscribe("user_update", (e) => {
      if (e.data.user.id !== client.user.value?.id) return;
      push({
        id: e.id,
        title: "Your account changed",
        text: `Your role is now ${
          ROLE_LABELS[e.data.user.role]
        }. Reload to see your modules.`,
        level: "warning",
      });
    });
    // Only the production office receives budget events (DESIGN §3).
    const offBudget = client.subscribe("budget_update", (e) => {
      const alert = e.data.alert;
      if (!alert) return;
      const share = alert.percent === null
        ? ""
        : ` (${formatPercent(alert.percent)} spent)`;
      push({
        id: e.id,
        title: alert.level >= 100 ? "Over budget" : "Budget alert",
        text: alert.level >= 100
          ? `${alert.name} is over budget${share}.`
          : `${alert.name} reached 80 % of its budget${share}.`,
        level: "warning",
        link: location.pathname === "/budget" ? undefined : {
          href: `/budget#cat-${alert.categoryId}`,
          label: "Open the budget",
        },
      });
    });
    return () => {
      offAnnouncement();
      offUser();
      offBudget();
    };
  }, []);
  const dismiss = (id: string) => {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  };
  const uploads = IS_BROWSER
    ? Object.values(getRealtimeClient().uploads.value)
    : [];
  const me = IS_BROWSER ? getRealtimeClient().user.value?.id : undefined;
  return (
    <div class="toasts" role="status" aria-live="polite">
      {uploads.filter((u) => u.uploader.id !== me).map((u) => (
        <div key={u.uploadId} class="toast toast-info">
          <p class="toast-text">
            {u.uploader.name} is uploading {u.name}…
            {u.total ? ` ${Math.floor(u.bytes / u.total * 100)} %` : ""}
          </p>
        </div>
      ))}
      {toasts.value.map((toast) => (
        <div key={toast.id} class={`toast toast-${toast.level}`}>
          <p class="toast-title">{toast.title}</p>
          <p class="toast-text">{toast.text}</p>
          {toast.link && (
            <p class="toast-link">
              <a href={toast.link.href}>{toast.link.label}</a>
            </p>
          )}
          <button
            type="button"
            class="toast-close"
            aria-label="Dismiss"
            onClick={() =>
              dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

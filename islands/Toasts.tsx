import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect } from "preact/hooks";
import { ROLE_LABELS } from "../lib/roles.ts";
import { getRealtimeClient } from "../realtime/client.ts";

interface Toast {
  id: string;
  title: string;
  text: string;
  level: "info" | "warning" | "urgent";
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
    return () => {
      offAnnouncement();
      offUser();
    };
  }, []);
  const dismiss = (id: string) => {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  };
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.value.map((toast) => (
        <div key={toast.id} class={`toast toast-${toast.level}`}>
          <p class="toast-title">{toast.title}</p>
          <p class="toast-text">{toast.text}</p>
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

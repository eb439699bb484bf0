import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useRef } from "preact/hooks";
import { formatPercent } from "@/lib/budget/money.ts";
import { SETTINGS_LABELS } from "@/lib/production/shared.ts";
import { ROLE_LABELS } from "@/lib/roles.ts";
import { getRealtimeClient } from "@/realtime/client.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { useHref } from "@/components/production_path.ts";
import { inProduction, withinProduction } from "@/lib/production/paths.ts";

interface Toast {
  id: string;
  title: string;
  text: string;
  level: "info" | "warning";
  /** A page to open about it. */
  link?: { href: string; label: string };
}

/** How long a toast stays unless hovered or focused, by level. */
const SHOW_MS = { info: 8_000, warning: 12_000 } as const;
/** At most this many toasts at once; older ones wait, counted. */
export const MAX_TOASTS = 3;

/**
 * Notifications in a small stack at the bottom right (bottom edge on
 * phones), clear of the top bar, filters and page headers: announcements,
 * budget alerts for the office, changes to your own account and to the
 * production's settings. Urgent
 * announcements are not toasts: they are banners until dismissed
 * (UrgentBanners). A toast stays while hovered or focused, closes with its
 * × or Escape, and the stack never shows more than {@linkcode MAX_TOASTS}.
 */
export default function Toasts() {
  const toasts = useSignal<Toast[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const paused = useRef(false);
  const href = useHref();

  const dismiss = (id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    toasts.value = toasts.value.filter((t) => t.id !== id);
  };
  // Timers run only for the toasts on show, and not while the user is
  // reading (hover or focus inside the stack).
  const arm = () => {
    if (paused.current) return;
    for (const toast of toasts.value.slice(-MAX_TOASTS)) {
      if (timers.current.has(toast.id)) continue;
      timers.current.set(
        toast.id,
        setTimeout(() => {
          dismiss(toast.id);
          arm();
        }, SHOW_MS[toast.level]),
      );
    }
  };
  const pause = () => {
    paused.current = true;
    for (const id of timers.current.values()) clearTimeout(id);
    timers.current.clear();
  };
  const resume = () => {
    paused.current = false;
    arm();
  };

  const push = (toast: Toast) => {
    if (toasts.value.some((t) => t.id === toast.id)) return;
    toasts.value = [...toasts.value, toast];
    arm();
  };
  // Who is signed in: the client's (events run only in the browser).
  const signedIn = () => getRealtimeClient().user.value?.id;
  useRealtime("announcement", (e) => {
    // Urgent ones are banners until dismissed, not toasts.
    if (e.data.level === "urgent") return;
    push({
      id: e.id,
      title: `Announcement from ${e.data.from.name}`,
      text: e.data.message,
      level: e.data.level,
    });
  });
  useRealtime("user_update", (e) => {
    if (e.data.user.id !== signedIn()) return;
    push({
      id: e.id,
      title: "Your account changed",
      text: `Your role is now ${
        ROLE_LABELS[e.data.user.role]
      }. Reload to see your modules.`,
      level: "warning",
    });
  });
  // The page was drawn with the old settings (name, dates, time zone,
  // currency): say so, and offer the reload that redraws it. Not for
  // whoever saved them: their page reloads on save.
  useRealtime("production_update", (e) => {
    const by = (e.data as { by?: { id?: string; name?: string } }).by;
    if (e.data.action !== "updated") {
      const archived = e.data.action === "archived";
      push({
        id: e.id,
        title: archived ? "Production archived" : "Production reopened",
        text: archived
          ? `${
            by?.name ?? "A studio admin"
          } archived ${e.data.production.title}: you can still read everything, and nothing can be changed.`
          : `${
            by?.name ?? "A studio admin"
          } brought ${e.data.production.title} back: it can be changed again.`,
        level: archived ? "warning" : "info",
        link: {
          href: location.pathname + location.search,
          label: "Reload",
        },
      });
      return;
    }
    if (e.data.changed.length === 0) return;
    if (by?.id !== undefined && by.id === signedIn()) return;
    const fields = e.data.changed.map((f) => SETTINGS_LABELS[f].toLowerCase());
    push({
      id: e.id,
      title: "Production settings changed",
      text: `${by?.name ?? "Someone"} changed the ${
        fields.join(", ")
      }. Reload to see the page with them.`,
      level: "info",
      link: {
        // This page again, at the production's new address if its slug
        // changed (the old one no longer leads anywhere).
        href: inProduction(
          e.data.production.slug,
          withinProduction(location.pathname),
        ) + location.search,
        label: "Reload",
      },
    });
  });
  // Only the production office receives budget events (DESIGN §3).
  useRealtime("budget_update", (e) => {
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
        : `${alert.name} reached 80% of its budget${share}.`,
      level: "warning",
      link: withinProduction(location.pathname) === "/budget" ? undefined : {
        href: href(`/budget#cat-${alert.categoryId}`),
        label: "Open the budget",
      },
    });
  });
  useEffect(() => pause, []);

  const shown = toasts.value.slice(-MAX_TOASTS);
  const waiting = toasts.value.length - shown.length;
  const uploads = IS_BROWSER
    ? Object.values(getRealtimeClient().uploads.value)
    : [];
  const me = IS_BROWSER ? getRealtimeClient().user.value?.id : undefined;
  const others = uploads.filter((u) => u.uploader.id !== me);
  return (
    <section
      class="toasts"
      aria-label="Notifications"
      onMouseEnter={pause}
      onMouseLeave={resume}
      onFocusIn={pause}
      onFocusOut={(e) => {
        const next = e.relatedTarget as Node | null;
        if (!next || !e.currentTarget.contains(next)) resume();
      }}
      onKeyDown={(e) => {
        if (e.key !== "Escape" || shown.length === 0) return;
        dismiss(shown[shown.length - 1].id);
        document.getElementById("main")?.focus();
      }}
    >
      {
        /* Progress changes every few per cent: shown, not announced. */
        others.length > 0 && (
          <div class="toast toast-info toast-upload">
            {others.slice(0, 2).map((u) => (
              <p key={u.uploadId} class="toast-text">
                {u.uploader.name} is uploading {u.name}…
                {u.total ? ` ${Math.floor(u.bytes / u.total * 100)}%` : ""}
              </p>
            ))}
            {others.length > 2 && (
              <p class="toast-text muted">
                and {others.length - 2} more uploads
              </p>
            )}
          </div>
        )
      }
      <div class="toast-stack" role="status" aria-live="polite">
        {toasts.value.length > 1 && (
          <p class="toast-more">
            {waiting > 0 && (
              <span>
                {waiting} earlier{" "}
                {waiting === 1 ? "notification" : "notifications"}
              </span>
            )}
            <button
              type="button"
              class="button button-quiet button-small"
              onClick={() => {
                for (const id of timers.current.values()) clearTimeout(id);
                timers.current.clear();
                toasts.value = [];
              }}
            >
              Dismiss all
            </button>
          </p>
        )}
        {shown.map((toast) => (
          <div
            key={toast.id}
            class={`toast toast-${toast.level}`}
            data-toast={toast.id}
          >
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
              aria-label={`Dismiss: ${toast.title}`}
              onClick={() => {
                dismiss(toast.id);
                arm();
              }}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}

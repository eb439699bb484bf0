import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useRef } from "preact/hooks";
import {
  DISMISS_CHANNEL,
  prepend,
  sentBy,
  viewOfEvent,
} from "@/components/announcements/model.ts";
import { failureText, send } from "@/components/api.ts";
import type { AnnouncementView } from "@/lib/announcements/shared.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { useHref } from "@/components/production_path.ts";

/**
 * Urgent announcements as banners at the top of every page, until this
 * person dismisses them (remembered on the server, so on every device).
 * New ones arrive live and are announced assertively. Without JavaScript
 * the Dismiss button is a form that posts to `/announcements`.
 */
export default function UrgentBanners(
  { initial, timeZone, path, max }: {
    initial: AnnouncementView[];
    timeZone: string;
    /** The page, to come back to after a dismissal without JavaScript. */
    path: string;
    /** At most this many banners at once. */
    max: number;
  },
) {
  const banners = useSignal(initial);
  const href = useHref();
  const error = useSignal<string | null>(null);
  const channel = useRef<BroadcastChannel | null>(null);
  useRealtime("announcement", (event) => {
    if (event.data.level !== "urgent") return;
    banners.value = prepend(banners.value, viewOfEvent(event), max);
  }, async () => {
    try {
      const fresh = await send<{ banners: AnnouncementView[] }>(
        "GET",
        "/api/announcements?limit=1",
      );
      banners.value = fresh.banners;
    } catch {
      // Keep what is shown; the next page load corrects it.
    }
  });
  useEffect(() => {
    if (!IS_BROWSER) return;
    // Other tabs of this browser hide a banner dismissed here at once.
    if (typeof BroadcastChannel !== "undefined") {
      channel.current = new BroadcastChannel(DISMISS_CHANNEL);
      channel.current.onmessage = (e) => {
        const id = (e.data as { dismissed?: unknown })?.dismissed;
        if (typeof id === "string") {
          banners.value = banners.value.filter((b) => b.id !== id);
        }
      };
    }
    return () => {
      channel.current?.close();
    };
  }, []);

  const dismiss = async (e: Event, a: AnnouncementView) => {
    e.preventDefault();
    const before = banners.value;
    banners.value = before.filter((b) => b.id !== a.id);
    error.value = null;
    // The focused button is gone: continue from the page's content.
    document.getElementById("main")?.focus();
    try {
      await send(
        "POST",
        `/api/announcements/${encodeURIComponent(a.id)}/dismiss`,
      );
      channel.current?.postMessage({ dismissed: a.id });
    } catch (failure) {
      banners.value = before;
      error.value = failureText(failure, "The announcement was not dismissed");
    }
  };

  return (
    <div class="urgent-banners" aria-live="assertive">
      {error.value && <p class="form-error" role="alert">{error.value}</p>}
      {banners.value.map((a) => (
        <section
          key={a.id}
          class="urgent-banner"
          aria-labelledby={`urgent-${a.id}`}
          data-announcement={a.id}
        >
          <div class="urgent-banner-body">
            <h2 class="urgent-banner-title" id={`urgent-${a.id}`}>
              <span class="urgent-badge">Urgent</span>{" "}
              <span class="urgent-banner-from">{sentBy(a, timeZone)}</span>
            </h2>
            <p class="urgent-banner-text">{a.message}</p>
          </div>
          <form
            method="post"
            action={href("/announcements")}
            onSubmit={(e) => dismiss(e, a)}
          >
            <input type="hidden" name="intent" value="dismiss" />
            <input type="hidden" name="id" value={a.id} />
            <input type="hidden" name="next" value={path} />
            <button type="submit" class="button urgent-dismiss">
              Dismiss<span class="visually-hidden">: {a.message}</span>
            </button>
          </form>
        </section>
      ))}
    </div>
  );
}

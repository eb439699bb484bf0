import { useSignal } from "@preact/signals";
import { prepend, viewOfEvent } from "@/components/announcements/model.ts";
import { activityTime } from "@/lib/format.ts";
import type { AnnouncementView } from "@/lib/announcements/shared.ts";
import { formatDateTime } from "@/lib/format.ts";
import { useRealtime } from "@/components/use_realtime.ts";

const LEVEL_LABELS: Record<AnnouncementView["level"], string> = {
  info: "Info",
  warning: "Warning",
  urgent: "Urgent",
};

/** Recent announcements, newest first, growing live. */
export default function AnnouncementList(
  { initial, limit, timeZone }: {
    initial: AnnouncementView[];
    limit: number;
    timeZone: string;
  },
) {
  const list = useSignal(initial);
  useRealtime("announcement", (event) => {
    list.value = prepend(list.value, viewOfEvent(event), limit);
  });
  return (
    <div class="announcement-feed" aria-live="polite">
      {list.value.length === 0
        ? <p class="muted">No announcements yet.</p>
        : (
          <ol class="announcements">
            {list.value.map((a) => (
              <li
                key={a.id}
                id={`announcement-${a.id}`}
                class={`announcement announcement-${a.level}`}
              >
                <p class="announcement-meta">
                  {a.level !== "info" && (
                    <>
                      <span
                        class={`level-badge ${
                          a.level === "urgent" ? "is-over" : "is-warning"
                        }`}
                      >
                        {LEVEL_LABELS[a.level]}
                      </span>
                      {" "}
                    </>
                  )}
                  <span class="announcement-from">{a.from.name}</span>{" "}
                  <span class="muted">
                    ·{" "}
                    <time
                      dateTime={a.createdAt}
                      title={formatDateTime(a.createdAt, timeZone)}
                    >
                      {activityTime(Date.parse(a.createdAt), timeZone)}
                    </time>
                  </span>
                </p>
                <p class="announcement-text">{a.message}</p>
              </li>
            ))}
          </ol>
        )}
    </div>
  );
}

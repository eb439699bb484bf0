import { useSignal, useSignalEffect } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useRef } from "preact/hooks";
import { OutageWatch } from "@/components/outage_watch.ts";
import { getRealtimeClient } from "@/realtime/client.ts";

/** What the banner says for the client's status while it is down. */
export function outageText(status: string): { title: string; text: string } {
  switch (status) {
    case "offline":
      return {
        title: "You are offline.",
        text:
          "Changes you make now cannot be saved. ProdSight reconnects by itself when your network is back.",
      };
    case "signed-out":
      return {
        title: "You have been signed out.",
        text: "Changes cannot be saved until you sign in again.",
      };
    default:
      return {
        title: "Connection to ProdSight lost.",
        text:
          "Changes you make now cannot be saved. Reconnecting… this page updates again by itself once the connection is back.",
      };
  }
}

/**
 * A page-wide notice while the live connection is down (after a short
 * grace, so a blip does not flash), in a polite live region: changes
 * cannot be saved. Gone, and "Connection restored" announced, once back.
 */
export default function ConnectionBanner({ path }: { path: string }) {
  const down = useSignal(false);
  const restored = useSignal(false);
  const status = useSignal("connecting");
  const watch = useRef<OutageWatch | null>(null);
  useEffect(() => {
    if (!IS_BROWSER) return;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    watch.current = new OutageWatch((isDown) => {
      down.value = isDown;
      restored.value = !isDown;
      clearTimeout(quiet);
      // The "restored" words are for screen readers; clear them after.
      if (!isDown) quiet = setTimeout(() => restored.value = false, 5_000);
    });
    return () => {
      clearTimeout(quiet);
      watch.current?.dispose();
    };
  }, []);
  useSignalEffect(() => {
    if (!IS_BROWSER) return;
    const now = getRealtimeClient().state.value.status;
    status.value = now;
    watch.current?.update(now);
  });
  const { title, text } = outageText(status.value);
  return (
    <div class="connection-banner-slot" role="status" aria-live="polite">
      {down.value && (
        <div class="connection-banner" data-status={status.value}>
          <p>
            <strong>{title}</strong> {text}
            {status.value === "signed-out" && (
              <>
                {" "}
                <a href={`/login?next=${encodeURIComponent(path)}`}>
                  Sign in again
                </a>
              </>
            )}
          </p>
        </div>
      )}
      {restored.value && (
        <p class="visually-hidden">Connection restored. Changes save again.</p>
      )}
    </div>
  );
}

import { useComputed, useSignal, useSignalEffect } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { type ConnectionState, getRealtimeClient } from "@/realtime/client.ts";

function label(state: ConnectionState, now: number): string {
  switch (state.status) {
    case "connecting":
      return "Connecting…";
    case "online":
      return "Live";
    case "catching-up":
      return "Catching up…";
    case "offline":
      return "Offline";
    case "signed-out":
      return "Signed out";
    case "reconnecting": {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return seconds > 0 ? `Reconnecting in ${seconds} s` : "Reconnecting…";
    }
  }
}

/**
 * The live-connection pill in the top bar: what the socket is doing, in
 * words and colour, announced politely to screen readers.
 */
export default function ConnectionStatus() {
  if (!IS_BROWSER) {
    return (
      <span class="conn conn-connecting" role="status" aria-live="polite">
        Connecting…
      </span>
    );
  }
  const client = getRealtimeClient();
  const now = useSignal(Date.now());
  // A countdown needs a clock, but only while a retry is pending.
  useSignalEffect(() => {
    if (client.state.value.status !== "reconnecting") return;
    const id = setInterval(() => now.value = Date.now(), 1000);
    return () => clearInterval(id);
  });
  const text = useComputed(() => label(client.state.value, now.value));
  const status = client.state.value.status;
  const rtt = client.rtt.value;
  return (
    <span
      class={`conn conn-${status}`}
      role="status"
      aria-live="polite"
      title={rtt === null ? undefined : `Round trip ${rtt} ms`}
      data-status={status}
    >
      {status === "signed-out"
        ? <a href="/login">Signed out — sign in</a>
        : text}
    </span>
  );
}

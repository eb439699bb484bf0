import { IS_BROWSER } from "fresh/runtime";
import { ROLE_LABELS } from "@/lib/roles.ts";
import { getRealtimeClient } from "@/realtime/client.ts";

/** Who is online right now, one entry per person however many tabs. */
export default function PresenceList() {
  const loading = <p class="muted">Loading who is online…</p>;
  if (!IS_BROWSER) return loading;
  const client = getRealtimeClient();
  // Until the hub's first presence frame, "no one" would be a guess.
  if (!client.presenceKnown.value) return loading;
  const users = client.presence.value;
  const more = client.presenceTotal.value - users.length;
  if (users.length === 0) return <p class="muted">No one is online.</p>;
  return (
    <>
      <ul class="presence-list" aria-label="Online now">
        {users.map((user) => (
          <li key={user.id}>
            <span class="presence-dot" aria-hidden="true" />
            {user.name} <span class="muted">· {ROLE_LABELS[user.role]}</span>
          </li>
        ))}
      </ul>
      {more > 0 && <p class="muted">and {more} more</p>}
    </>
  );
}

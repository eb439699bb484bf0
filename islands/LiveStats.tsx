import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { failureText, send } from "../components/api.ts";
import { formatTime } from "../lib/format.ts";
import { ROLE_LABELS, ROLES } from "../lib/roles.ts";
import type { Hub } from "../realtime/hub.ts";

/** What `GET /api/status` returns. */
export type HubStats = ReturnType<Hub["stats"]>;

const REFRESH_MS = 2_000;

/**
 * The status page's live numbers. A monitoring view samples the server's
 * counters every two seconds; the counters themselves are not events.
 */
export default function LiveStats(
  { initial, at, timeZone }: {
    initial: HubStats;
    /** When `initial` was read (ms): server and browser print the same. */
    at: number;
    /** The production's zone: the refresh time is shown in it, 24-hour. */
    timeZone: string;
  },
) {
  const stats = useSignal(initial);
  const error = useSignal<string | null>(null);
  const updated = useSignal(at);
  useEffect(() => {
    const id = setInterval(async () => {
      // Nobody is looking at a hidden tab: no need to ask the server.
      if (document.visibilityState === "hidden") return;
      try {
        stats.value = await send<HubStats>("GET", "/api/status");
        updated.value = Date.now();
        error.value = null;
      } catch (failure) {
        error.value = failureText(failure, "Could not refresh the figures");
      }
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, []);
  const s = stats.value;
  const figures: [string, string | number][] = [
    ["Open sockets", s.connections],
    ["Users connected here", s.users],
    ["Online (all instances)", s.online],
    ["Events / s", s.eventsPerSecond],
    ["Deliveries / s", s.deliveriesPerSecond],
    ["Replays", s.replays],
    ["Resyncs", s.resyncs],
    ["Slow-consumer closes", s.slowCloses],
    ["Rate-limit closes", s.rateLimitCloses],
    ["Refused handshakes", s.refused],
  ];
  return (
    <div class="live-stats">
      {error.value && <p class="form-error" role="alert">{error.value}</p>}
      <dl class="stat-grid">
        {figures.map(([label, value]) => (
          <div class="stat-cell" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2 id="by-role-title">Connections by role</h2>
      <div class="table-wrap">
        <table class="table" aria-labelledby="by-role-title">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Sockets</th>
            </tr>
          </thead>
          <tbody>
            {ROLES.map((role) => (
              <tr key={role}>
                <td>{ROLE_LABELS[role]}</td>
                <td>{s.byRole[role] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        Instance {s.instanceId.slice(0, 8)} · log cursor {s.cursor} · updated
        {" "}
        <time dateTime={new Date(updated.value).toISOString()}>
          {formatTime(updated.value, timeZone, { seconds: true })}
        </time>
      </p>
    </div>
  );
}

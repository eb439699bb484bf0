import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { failureText, send } from "@/components/api.ts";
import { formatTime } from "@/lib/format.ts";
import { ROLE_LABELS, ROLES } from "@/lib/roles.ts";
import type { DeploymentStats } from "@/realtime/instance_stats.ts";

/** What `GET /api/status` returns. */
export type { DeploymentStats };

const REFRESH_MS = 2_000;

/**
 * The status page's live numbers, for every instance of the deployment
 * (the workers of `deno serve --parallel`, the processes sharing one KV).
 * A monitoring view samples the server's counters every two seconds; the
 * counters themselves are not events. Other instances' figures are as of
 * their last heartbeat (at most ten seconds old).
 */
export default function LiveStats(
  { initial, at, timeZone }: {
    initial: DeploymentStats;
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
        stats.value = await send<DeploymentStats>("GET", "/api/status");
        updated.value = Date.now();
        error.value = null;
      } catch (failure) {
        error.value = failureText(failure, "Could not refresh the figures");
      }
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, []);
  const { instances, totals } = stats.value;
  const figures: [string, string | number][] = [
    ["Instances", totals.instances],
    ["Open sockets", totals.connections],
    ["Online users", totals.online],
    ["Events / s", totals.eventsPerSecond],
    ["Deliveries / s", totals.deliveriesPerSecond],
    ["Replays", totals.replays],
    ["Resyncs", totals.resyncs],
    ["Slow-consumer closes", totals.slowCloses],
    ["Rate-limit closes", totals.rateLimitCloses],
    ["Refused handshakes", totals.refused],
  ];
  const byRole = (role: string) =>
    instances.reduce((n, i) => n + (i.byRole[role] ?? 0), 0);
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
      <h2 id="instances-title">Instances</h2>
      <div class="table-wrap" tabIndex={0} aria-labelledby="instances-title">
        <table class="table" aria-labelledby="instances-title">
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Sockets</th>
              <th scope="col">Users</th>
              <th scope="col">Deliveries / s</th>
              <th scope="col">Log cursor</th>
              <th scope="col">As of</th>
            </tr>
          </thead>
          <tbody>
            {instances.map((i) => (
              <tr key={i.instanceId}>
                <td>
                  {i.instanceId.slice(0, 8)}
                  {i.self && " "}
                  {i.self && <span class="muted">(this one)</span>}
                </td>
                <td>{i.connections}</td>
                <td>{i.users}</td>
                <td>{i.deliveriesPerSecond}</td>
                <td>{i.cursor}</td>
                <td>
                  {formatTime(i.self ? updated.value : i.at, timeZone, {
                    seconds: true,
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
                <td>{byRole(role)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        {totals.instances === 1
          ? "One instance"
          : `All ${totals.instances} instances`} · updated{" "}
        <time dateTime={new Date(updated.value).toISOString()}>
          {formatTime(updated.value, timeZone, { seconds: true })}
        </time>
      </p>
    </div>
  );
}

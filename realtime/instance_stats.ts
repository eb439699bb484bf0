/**
 * Statistics of every hub instance — the workers of `deno serve --parallel`
 * and the processes sharing one KV — for the production office's status
 * page. Each instance writes its figures under its id with an expiry and
 * refreshes them on its heartbeat, so a stopped or crashed instance drops
 * out by itself; a reader merges the live records with its own fresh ones.
 *
 * @module
 */

/** An instance's record lapses unless refreshed within this long. */
export const INSTANCE_STATS_TTL_MS = 30_000;

const PREFIX = "hub_stats";

/** What one instance reports (see `Hub.stats()`). */
export interface InstanceStats {
  instanceId: string;
  connections: number;
  users: number;
  byRole: Record<string, number>;
  cursor: string;
  online: number;
  eventsPerSecond: number;
  deliveriesPerSecond: number;
  replays: number;
  resyncs: number;
  slowCloses: number;
  rateLimitCloses: number;
  refused: number;
}

/** An instance's figures and when it published them (ms). */
export type InstanceRecord = InstanceStats & { at: number };

/** Every live instance, this one first, and their sums. */
export interface DeploymentStats {
  instances: (InstanceRecord & { self: boolean })[];
  totals: {
    instances: number;
    connections: number;
    eventsPerSecond: number;
    deliveriesPerSecond: number;
    replays: number;
    resyncs: number;
    slowCloses: number;
    rateLimitCloses: number;
    refused: number;
    /** Users online across the deployment (presence merges instances). */
    online: number;
  };
}

/** Writes this instance's figures (with expiry). */
export async function publishInstanceStats(
  kv: Deno.Kv,
  stats: InstanceStats,
  now = Date.now(),
): Promise<void> {
  await kv.set([PREFIX, stats.instanceId], { ...stats, at: now }, {
    expireIn: INSTANCE_STATS_TTL_MS,
  });
}

/** Removes this instance's figures (at shutdown). */
export async function withdrawInstanceStats(
  kv: Deno.Kv,
  instanceId: string,
): Promise<void> {
  await kv.delete([PREFIX, instanceId]);
}

/**
 * The figures of every live instance: `local` (fresh, this instance) and
 * the last published records of the others, with their totals.
 */
export async function readDeploymentStats(
  kv: Deno.Kv,
  local: InstanceStats,
  now = Date.now(),
): Promise<DeploymentStats> {
  const instances: DeploymentStats["instances"] = [
    { ...local, at: now, self: true },
  ];
  for await (const entry of kv.list<InstanceRecord>({ prefix: [PREFIX] })) {
    const record = entry.value;
    // Expiry is lazy on some backends: a stale record is a gone instance.
    if (record.instanceId === local.instanceId) continue;
    if (now - record.at > INSTANCE_STATS_TTL_MS) continue;
    instances.push({ ...record, self: false });
  }
  const sum = (pick: (s: InstanceStats) => number) =>
    instances.reduce((n, s) => n + pick(s), 0);
  return {
    instances,
    totals: {
      instances: instances.length,
      connections: sum((s) => s.connections),
      eventsPerSecond: local.eventsPerSecond,
      deliveriesPerSecond: sum((s) => s.deliveriesPerSecond),
      replays: sum((s) => s.replays),
      resyncs: sum((s) => s.resyncs),
      slowCloses: sum((s) => s.slowCloses),
      rateLimitCloses: sum((s) => s.rateLimitCloses),
      refused: sum((s) => s.refused),
      online: local.online,
    },
  };
}

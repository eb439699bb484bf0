import type { AuthService } from "@/lib/auth/session.ts";
import type { Audience } from "@/lib/policy.ts";
import type { Admission } from "./admission.ts";
import type { Bus } from "./bus.ts";
import type { Clock } from "./clock.ts";
import { TYPING_THROTTLE_MS } from "./typing.ts";

/** Tunables of a `Hub` (realtime/hub.ts); defaults suit production. */
export interface HubOptions {
  /** The production's view of the store (lib/store/production_kv.ts). */
  kv: Deno.Kv;
  auth: AuthService;
  bus: Bus;
  /** The instance's id, shared by its hubs (default: a new one). */
  instanceId?: string;
  /**
   * The caps shared by the instance's hubs (realtime/hubs.ts); default:
   * this hub's own.
   */
  admission?: Admission;
  /** Sockets one user may hold on this instance. */
  maxSocketsPerUser?: number;
  /** Handshakes one client address may make per minute on this instance. */
  handshakesPerMinute?: number;
  /** Safety-net poll of the log head, ms. */
  pollMs?: number;
  /** How often expiry, slow readers and rates are checked, ms. */
  sweepMs?: number;
  /** `bufferedAmount` above which a reader counts as slow. */
  maxBufferedBytes?: number;
  /** How long a reader may stay slow before it is closed, ms. */
  slowGraceMs?: number;
  /** Presence refresh period (instance heartbeat), ms. */
  presenceHeartbeatMs?: number;
  /** Presence broadcasts are coalesced over this long, ms. */
  presenceDebounceMs?: number;
  /** At most one typing frame per target per this long, ms. */
  typingThrottleMs?: number;
  /**
   * Who may see typing on `target` (`<module>:<id>`); null when there is no
   * such record (nothing is relayed). Without it no typing is relayed; the
   * app passes the readers of each record (`server/typing_audience.ts`).
   */
  typingAudience?: (target: string) => Promise<Audience | null>;
  /** Told of each event this hub routes (the home pages' hints). */
  onActivity?: (productionId: string) => void;
  /** Time and timers (polling, sweeps, presence, typing); the real clock by default. */
  clock?: Clock;
}

/** The numeric tunables, each set. */
export type HubLimits = Required<
  Omit<
    HubOptions,
    | "kv"
    | "auth"
    | "bus"
    | "typingAudience"
    | "clock"
    | "instanceId"
    | "admission"
    | "onActivity"
  >
>;

/** The numeric tunables of `options`, defaults filled in. */
export function hubLimits(options: Partial<HubOptions>): HubLimits {
  return {
    maxSocketsPerUser: options.maxSocketsPerUser ?? 10,
    handshakesPerMinute: options.handshakesPerMinute ?? 120,
    pollMs: options.pollMs ?? 1_000,
    sweepMs: options.sweepMs ?? 1_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    slowGraceMs: options.slowGraceMs ?? 5_000,
    presenceHeartbeatMs: options.presenceHeartbeatMs ?? 10_000,
    presenceDebounceMs: options.presenceDebounceMs ?? 250,
    typingThrottleMs: options.typingThrottleMs ?? TYPING_THROTTLE_MS,
  };
}

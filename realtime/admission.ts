import { ApiError } from "@/lib/http/errors.ts";
import type { HubMetrics } from "./metrics.ts";

/** The caps {@linkcode Admission} holds a handshake to. */
export interface AdmissionCaps {
  /** Sockets one user may hold on this instance. */
  maxSocketsPerUser: number;
  /** Handshakes one client address may make per minute on this instance. */
  handshakesPerMinute: number;
}

/** Past this many addresses the per-minute counts are dropped, not grown. */
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * The caps checked before a socket is upgraded: handshakes per client
 * address per minute and sockets per user. Both protect this instance's
 * own memory and CPU, so they count this instance only.
 */
export class Admission {
  #caps: AdmissionCaps;
  #metrics: HubMetrics;
  #handshakes = new Map<string, { minute: number; count: number }>();

  /** Refusals are counted in `metrics.refused`. */
  constructor(caps: AdmissionCaps, metrics: HubMetrics) {
    this.#caps = caps;
    this.#metrics = metrics;
  }

  /**
   * Counts a handshake from `address` and checks both caps against it and
   * the `openSockets` its user already holds. Throws a 429
   * {@linkcode ApiError}.
   */
  check(openSockets: number, address: string, now: number): void {
    const minute = Math.floor(now / 60_000);
    const entry = this.#handshakes.get(address);
    const count = entry?.minute === minute ? entry.count + 1 : 1;
    this.#handshakes.set(address, { minute, count });
    const retry = { "Retry-After": String(60 - Math.floor(now / 1000) % 60) };
    if (count > this.#caps.handshakesPerMinute) {
      this.#metrics.refused++;
      throw new ApiError(
        429,
        "rate_limited",
        "Too many connection attempts",
        undefined,
        retry,
      );
    }
    if (openSockets >= this.#caps.maxSocketsPerUser) {
      this.#metrics.refused++;
      throw new ApiError(
        429,
        "too_many_connections",
        "Too many open connections for this user; close a tab",
        undefined,
        { "Retry-After": "30" },
      );
    }
  }

  /** Bounds the per-address counts (called by the hub's periodic sweep). */
  prune(): void {
    if (this.#handshakes.size > MAX_TRACKED_ADDRESSES) this.#handshakes.clear();
  }
}

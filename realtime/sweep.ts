import type { Connection } from "./connection.ts";
import type { HubMetrics } from "./metrics.ts";
import { CLOSE } from "./protocol.ts";

/** How long a socket may read too slowly before it is closed. */
export interface SlowReaderLimits {
  /** `bufferedAmount` above which a reader counts as slow. */
  maxBufferedBytes: number;
  /** How long a reader may stay slow before it is closed, ms. */
  slowGraceMs: number;
}

/**
 * The periodic look at every socket: closes those whose token expired
 * (4401) and those that have read too slowly for too long (1013, to resume
 * from the log), counting the latter in `metrics.slowCloses`.
 */
export function sweepSockets(
  conns: Iterable<Connection>,
  now: number,
  limits: SlowReaderLimits,
  metrics: HubMetrics,
): void {
  for (const conn of conns) {
    if (conn.expiresAt <= now) {
      conn.close(CLOSE.unauthorized, "token expired");
      continue;
    }
    if (conn.bufferedAmount > limits.maxBufferedBytes) {
      if (conn.slowSince === 0) conn.slowSince = now;
      else if (now - conn.slowSince >= limits.slowGraceMs) {
        metrics.slowCloses++;
        conn.close(
          CLOSE.overloaded,
          "reading too slowly; resume from the log",
        );
      }
    } else conn.slowSince = 0;
  }
}

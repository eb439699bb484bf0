/** Reconnect delays: full jitter over an exponential ceiling. */
export interface BackoffOptions {
  /** First ceiling, ms (DESIGN §5: about 0.5 s). */
  baseMs: number;
  /** Largest ceiling, ms (about 20 s). */
  capMs: number;
  /** Random source in [0, 1); injectable for tests. */
  random: () => number;
}

/** DESIGN §5 defaults. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 500,
  capMs: 20_000,
  random: Math.random,
};

/**
 * The delay before reconnect attempt `attempt` (1-based): uniformly random
 * between 0 and min(cap, base · 2^(attempt-1)), so clients that dropped
 * together do not come back together.
 *
 * @example
 * ```ts
 * backoffDelay(3, { ...DEFAULT_BACKOFF, random: () => 0.5 }); // 1000
 * ```
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(
    options.capMs,
    options.baseMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.floor(options.random() * ceiling);
}

/**
 * Bounded waits: every wait on something outside our control (a socket, a
 * server, another process, a store) gets a deadline, so shutdown and tests
 * end in bounded time even when the thing waited on never answers.
 *
 * @module
 */

/** A wait that did not finish in time; `what` names the wait. */
export class DeadlineError extends Error {
  /** What was being waited for. */
  readonly what: string;
  /** The deadline, ms. */
  readonly ms: number;

  /** Creates the error for `what` after `ms`. */
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = "DeadlineError";
    this.what = what;
    this.ms = ms;
  }
}

/**
 * Settles as `promise` does, or rejects with {@linkcode DeadlineError} after
 * `ms`. The timer is cleared either way, so nothing is left pending.
 *
 * @example
 * ```ts
 * await withDeadline(server.finished, 2_000, "server stop");
 * ```
 */
export function withDeadline<T>(
  promise: PromiseLike<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Waits for `promise` at most `ms`: true when it settled in time (its
 * rejection is swallowed: callers use this for best-effort cleanup), false
 * when the deadline passed.
 */
export async function settlesWithin(
  promise: PromiseLike<unknown>,
  ms: number,
): Promise<boolean> {
  try {
    await withDeadline(promise, ms, "wait");
    return true;
  } catch (error) {
    return !(error instanceof DeadlineError);
  }
}

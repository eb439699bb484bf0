/**
 * Deadlines for tests: every wait in a test or its teardown is bounded, so
 * a run that goes wrong fails or moves on instead of hanging CI.
 *
 * @module
 */
import { DeadlineError, settlesWithin, withDeadline } from "@/lib/deadline.ts";

export { DeadlineError, settlesWithin, withDeadline };

/** Default bound of one teardown step (closing a hub, a server, a browser), ms. */
export const TEARDOWN_MS = 5_000;

/**
 * Runs one teardown step with a deadline: resolves true when it finished,
 * false (after logging which step overran) when it did not. A step that
 * fails is logged too: teardown goes on with the next step either way.
 */
export async function teardownStep(
  what: string,
  step: () => Promise<unknown>,
  ms = TEARDOWN_MS,
): Promise<boolean> {
  try {
    await withDeadline(step(), ms, what);
    return true;
  } catch (error) {
    console.error(
      error instanceof DeadlineError
        ? `teardown: ${what} overran ${ms} ms; going on`
        : `teardown: ${what} failed: ${error}`,
    );
    return false;
  }
}

/**
 * Resolves with the first `type` event `target` dispatches, or rejects
 * after `ms` (default 5 s) naming the event.
 */
export function nextEvent<E extends Event = Event>(
  target: EventTarget,
  type: string,
  ms = 5_000,
): Promise<E> {
  let listener: (e: Event) => void = () => {};
  const seen = new Promise<E>((resolve) => {
    listener = (e) => resolve(e as E);
    target.addEventListener(type, listener, { once: true });
  });
  return withDeadline(seen, ms, `a "${type}" event`).finally(() =>
    target.removeEventListener(type, listener)
  );
}

/**
 * Helpers of the policy tests (policy_test.ts, policy_events_test.ts).
 *
 * @module
 */
import type { Actor } from "./policy.ts";
import type { Role } from "./roles.ts";

/** The id of the actor the tests ask as. */
export const ME = "user-me";
/** Someone else's id. */
export const OTHER = "user-other";

/** An actor with `role` (id {@linkcode ME} unless given). */
export function actor(role: Role, id: string = ME): Actor {
  return { id, role };
}

/** A sorted copy. */
export function sorted<T>(xs: readonly T[]): T[] {
  return [...xs].sort();
}

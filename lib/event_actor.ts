/**
 * Who made a change, as every logged event names them in `data.by`: the
 * activity feed says "Dana Kowalski approved scene 12" from the event alone,
 * without a user read per line. Browser-safe (islands read `by` too).
 *
 * @module
 */

/** The person behind an event: id, and the name as it was at the time. */
export interface EventActor {
  id: string;
  name: string;
}

/**
 * The `by` of an event from the acting user. Session users carry their
 * name; a bare `{ id, role }` actor (scripts, tests) gets "" and readers
 * fall back to names the record itself holds.
 *
 * @example
 * ```ts
 * eventActor({ id: "u1", name: "Dana Kowalski", role: "director" });
 * // { id: "u1", name: "Dana Kowalski" }
 * ```
 */
export function eventActor(actor: { id: string; name?: string }): EventActor {
  return { id: actor.id, name: actor.name ?? "" };
}

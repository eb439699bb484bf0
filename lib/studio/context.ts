/**
 * What a studio operation needs, as `ServiceContext` (lib/service.ts) is
 * for a production's: the whole store (studio records and every production's,
 * through their views), the signed-in account and a clock. Studio
 * operations are the studio admins' (DESIGN §3), whatever roles they
 * hold in productions.
 *
 * @module
 */
import { ForbiddenError } from "@/lib/errors.ts";
import { studioKv } from "@/lib/store/production_kv.ts";

/** The account a studio operation acts for, read from the store. */
export interface StudioActor {
  id: string;
  name: string;
  /** The studio-admin flag, as stored on this request. */
  admin: boolean;
}

/** The store, the acting account and the time. */
export interface StudioContext {
  /** The whole store (never one production's view). */
  kv: Deno.Kv;
  actor: StudioActor;
  /** The current time; a test passes a fixed one. */
  now: () => Date;
}

/** A context for `actor` on the store under `kv`. */
export function studioContext(
  kv: Deno.Kv,
  actor: StudioActor,
  now: () => Date = () => new Date(),
): StudioContext {
  return { kv: studioKv(kv), actor, now };
}

/** ForbiddenError unless the actor administers the studio. */
export function assertAdmin(
  cx: StudioContext,
  message = "Only studio admins may do this",
): void {
  if (!cx.actor.admin) throw new ForbiddenError(message);
}

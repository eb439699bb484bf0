/**
 * The one place a request becomes a {@linkcode StudioContext}: the whole
 * store, the signed-in account (its admin flag read from the store on
 * this request, server/auth_middleware.ts) and the services' clock.
 * Studio routes (`/api/productions`, `/api/accounts`, `/admin`) call the
 * studio services with it; the services decide who may.
 *
 * @module
 */
import type { Context } from "fresh";
import {
  assertAdmin,
  type StudioContext,
  studioContext,
} from "@/lib/studio/context.ts";
import { requireAccount } from "./auth_middleware.ts";
import type { State } from "./state.ts";

/** The studio context of a signed-in request; 401 when signed out. */
export function studioContextOf(
  ctx: Pick<Context<State>, "state">,
): StudioContext {
  const { id, name, admin } = requireAccount(ctx);
  return studioContext(
    ctx.state.services.store,
    { id, name, admin },
    ctx.state.services.now,
  );
}

/**
 * The studio context of a studio admin: 401 signed out, 403 for anyone
 * else, before the route reads a body (a non-admin's 403 never depends on
 * what they sent). The services check again.
 */
export function adminContextOf(ctx: Context<State>): StudioContext {
  const cx = studioContextOf(ctx);
  assertAdmin(cx);
  return cx;
}

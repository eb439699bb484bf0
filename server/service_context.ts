/**
 * The one place a request becomes a {@linkcode ServiceContext}: the store,
 * the signed-in user (with the role read from the store on this request)
 * and the services' clock (the real one unless a test fixed it). Routes
 * call a module's service with it.
 *
 * @example
 * ```ts
 * const task = await getTask(serviceContextOf(ctx), ctx.params.id);
 * ```
 *
 * @module
 */
import type { Context } from "fresh";
import { type ServiceContext, serviceContext } from "@/lib/service.ts";
import { requireUser } from "./auth_middleware.ts";
import type { State } from "./state.ts";

/** The service context of a signed-in request; 401 when signed out. */
export function serviceContextOf(ctx: Context<State>): ServiceContext {
  const { id, role, name } = requireUser(ctx);
  const { kv, now } = ctx.state.services;
  return serviceContext(kv, { id, role, name }, now);
}

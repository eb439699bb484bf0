/**
 * The one place a request becomes a {@linkcode ServiceContext}: the
 * production's view of the store, the signed-in member (with the role read
 * from the store on this request, server/production_scope.ts)
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

/**
 * The service context of a signed-in request (or of a layout's props,
 * which carry the same state); 401 when signed out.
 */
export function serviceContextOf(
  ctx: Pick<Context<State>, "state">,
): ServiceContext {
  const { id, role, name } = requireUser(ctx);
  return serviceContext(
    ctx.state.kv,
    { id, role, name },
    ctx.state.services.now,
  );
}

import { App, csp, staticFiles } from "fresh";
import { authenticate } from "./auth/middleware.ts";
import { APP_CSP, originGuard, securityHeaders } from "./http/security.ts";
import type { Services } from "./services.ts";
import type { State } from "./state.ts";

/**
 * Builds the ProdSight app around its services. `main.ts` calls it with the
 * configured services; tests call it with an in-memory store.
 */
export function createApp(services: Services): App<State> {
  return new App<State>()
    .use(staticFiles())
    .use(securityHeaders())
    .use(csp({ useNonce: true, csp: APP_CSP }))
    .use((ctx) => {
      ctx.state.services = services;
      return ctx.next();
    })
    .use(authenticate())
    .use(originGuard(services.config.allowedOrigins))
    .fsRoutes();
}

import { App, csp, csrf, staticFiles } from "fresh";
import { authenticate } from "./auth_middleware.ts";
import { legacyPaths } from "./legacy_paths.ts";
import { boundPathParams } from "@/lib/http/path_params.ts";
import {
  alwaysHsts,
  APP_CSP,
  crossSiteGuard,
  isAllowedOrigin,
  securityHeaders,
} from "@/lib/http/security.ts";
import type { Services } from "./services.ts";
import type { State } from "./state.ts";

/**
 * Builds the ProdSight app around its services. `main.ts` calls it with the
 * configured services; tests call it with an in-memory store.
 */
export function createApp(services: Services): App<State> {
  const { config } = services;
  return new App<State>()
    .use(staticFiles())
    .use(securityHeaders({ hsts: alwaysHsts(config) }))
    .use(csp({ useNonce: true, csp: APP_CSP }))
    .use((ctx) => {
      ctx.state.services = services;
      ctx.state.kv = services.store;
      ctx.state.production = null;
      return ctx.next();
    })
    .use(authenticate())
    .use(crossSiteGuard(csrf({
      origin: (origin, ctx) => isAllowedOrigin(origin, ctx.url, config),
    })))
    .use(boundPathParams())
    .use(legacyPaths())
    .fsRoutes();
}

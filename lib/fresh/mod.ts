/**
 * ProdSight's in-repo subset of the Fresh 2.3 API. Import it as `"fresh"`;
 * see `README.md` beside this file for what it covers.
 *
 * @module
 */
export { App, type ListenOptions } from "./app.ts";
export type { FreshConfig, ResolvedFreshConfig } from "./config.ts";
export type {
  Context,
  FreshContext,
  WebSocketHandlers,
  WebSocketUpgradeOptions,
} from "./context.ts";
export { createDefine, type Define } from "./define.ts";
export { HttpError } from "./error.ts";
export {
  type HandlerByMethod,
  type HandlerFn,
  page,
  type PageResponse,
  type RouteHandler,
} from "./handlers.ts";
export type { Middleware } from "./middlewares/mod.ts";
export { csp, type CSPOptions } from "./middlewares/csp.ts";
export { csrf, type CsrfOptions } from "./middlewares/csrf.ts";
export { staticFiles } from "./middlewares/static_files.ts";
export { trailingSlashes } from "./middlewares/trailing_slashes.ts";
export type { PageProps } from "./render.ts";
export type { Method } from "./router.ts";
export type { LayoutConfig, RouteConfig } from "./types.ts";

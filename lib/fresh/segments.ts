import { type Context, getInternals } from "./context.ts";
import { HttpError } from "./error.ts";
import {
  type HandlerFn,
  isHandlerByMethod,
  type RouteHandler,
} from "./handlers.ts";
import type { Middleware } from "./middlewares/mod.ts";
import {
  pageProps,
  renderRouteComponent,
  type RouteComponent,
} from "./render.ts";
import type { Method } from "./router.ts";
import type { LayoutConfig, RouteConfig } from "./types.ts";

/** A route: a page component, a handler, or both. */
export interface Route<State> {
  component?: RouteComponent<State>;
  // deno-lint-ignore no-explicit-any
  handler?: RouteHandler<any, State>;
  config?: RouteConfig;
}

/**
 * A node of the path tree that scopes middlewares, layouts and error
 * routes: everything registered on `/tasks` applies beneath it.
 */
export interface Segment<State> {
  middlewares: Middleware<State>[];
  layout:
    | { component: RouteComponent<State>; config: LayoutConfig | null }
    | null;
  errorRoute: Route<State> | null;
  /** The app's not-found route; only the root segment's is used. */
  notFound: Route<State> | null;
  app: RouteComponent<State> | null;
  children: Map<string, Segment<State>>;
  parent: Segment<State> | null;
}

/** Creates an empty segment. */
export function newSegment<State>(
  parent: Segment<State> | null,
): Segment<State> {
  return {
    middlewares: [],
    layout: null,
    errorRoute: null,
    notFound: null,
    app: null,
    children: new Map(),
    parent,
  };
}

/** Walks (creating as needed) to the segment for `keys` below `root`. */
export function getSegment<State>(
  root: Segment<State>,
  keys: string[],
): Segment<State> {
  let segment = root;
  for (const key of keys) {
    if (key === "") continue;
    let child = segment.children.get(key);
    if (child === undefined) {
      child = newSegment(segment);
      segment.children.set(key, child);
    }
    segment = child;
  }
  return segment;
}

/**
 * The middlewares a route below `segment` runs through, root first, as they
 * stand now: what is registered later does not apply. Each segment adds one
 * middleware that installs its app wrapper and layout for rendering and
 * renders its error route when something below it throws.
 */
export function segmentToMiddlewares<State>(
  segment: Segment<State>,
): Middleware<State>[] {
  const chain: Segment<State>[] = [];
  for (let s: Segment<State> | null = segment; s !== null; s = s.parent) {
    chain.unshift(s);
  }
  const root = chain[0];
  const result: Middleware<State>[] = [];
  for (const seg of chain) {
    const { app, layout, errorRoute } = seg;
    result.push(async function segmentMiddleware(ctx) {
      const ui = getInternals(ctx);
      const previous = { app: ui.app, layouts: ui.layouts };
      if (app !== null) ui.app = app;
      if (layout !== null) {
        if (layout.config?.skipAppWrapper) ui.app = null;
        ui.layouts = layout.config?.skipInheritedLayouts
          ? [layout]
          : [...ui.layouts, layout];
      }
      try {
        return await ctx.next();
      } catch (error) {
        ctx.error = error;
        const status = error instanceof HttpError ? error.status : 500;
        // As in Fresh, a 404 thrown anywhere renders the not-found route
        // (read now, so one registered later still applies) before any
        // error route.
        if (status === 404 && root.notFound !== null) {
          return await renderRoute(ctx, root.notFound, 404);
        }
        if (errorRoute === null) throw error;
        return await renderRoute(ctx, errorRoute, status);
      } finally {
        ui.app = previous.app;
        ui.layouts = previous.layouts;
      }
    });
    result.push(...seg.middlewares);
  }
  return result;
}

/**
 * Runs a route: picks the handler for the method (HEAD falls back to GET),
 * and renders the page component when the handler returns page data.
 */
export async function renderRoute<State>(
  ctx: Context<State>,
  route: Route<State>,
  status = 200,
): Promise<Response> {
  const ui = getInternals(ctx);
  if (route.config?.skipAppWrapper) ui.app = null;
  if (route.config?.skipInheritedLayouts) ui.layouts = [];

  const method = ctx.req.method.toUpperCase() as Method;
  const handler = route.handler;
  // deno-lint-ignore no-explicit-any
  let fn: HandlerFn<any, State> | null | undefined = null;
  if (handler === undefined) {
    // The router only sends GET here for pages, but error routes render
    // for whatever method failed.
    fn = route.component !== undefined ? () => ({ data: {} }) : null;
  } else if (isHandlerByMethod(handler)) {
    fn = handler[method] ??
      (method === "HEAD" ? handler.GET : undefined) ??
      (route.component !== undefined && (method === "GET" || method === "HEAD")
        ? () => ({ data: {} })
        : null);
  } else {
    fn = handler;
  }
  if (fn === null || fn === undefined) return await ctx.next();

  const result = await fn(ctx);
  if (result instanceof Response) return result;
  if (route.component === undefined) {
    throw new Error(
      `Route ${ctx.route ?? ctx.url.pathname} returned page data but has no ` +
        `page component`,
    );
  }
  const headers = new Headers(result.headers);
  ui.data = result.data;
  const vnode = await renderRouteComponent(
    route.component,
    pageProps(ctx, result.data, () => null),
  );
  if (vnode instanceof Response) return vnode;
  return await ctx.render(vnode, { headers, status: result.status ?? status });
}

import { type BuildCache, EmptyBuildCache } from "./build_cache.ts";
import { applyCommands, type Command } from "./commands.ts";
import {
  type FreshConfig,
  resolveConfig,
  type ResolvedFreshConfig,
} from "./config.ts";
import {
  Context,
  type WebSocketHandlers,
  type WebSocketUpgradeOptions,
} from "./context.ts";
import { HttpError } from "./error.ts";
import { fsRouteCommands } from "./fs_routes.ts";
import { type Middleware, runMiddlewares } from "./middlewares/mod.ts";
import type { RouteComponent } from "./render.ts";
import { type Method, patternToSegments, Router } from "./router.ts";
import type { Route } from "./segments.ts";
import type { LayoutConfig } from "./types.ts";

/** Used by `handler()` callers that have no connection info (tests). */
const DEFAULT_INFO: Deno.ServeHandlerInfo = {
  remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 0 },
  completed: Promise.resolve(),
};

/** Reads the build cache a snapshot or builder attached to an app. */
export let getBuildCache: <S>(app: App<S>) => BuildCache | null;
/** Attaches a build (routes, islands, static files) to an app. */
export let setBuildCache: <S>(app: App<S>, cache: BuildCache) => void;

/** Options for {@linkcode App.listen}. */
export interface ListenOptions {
  /** Port; without one, the first free port from 8000 to 8019. */
  port?: number;
  /** Interface to bind; defaults to all. */
  hostname?: string;
  /** Stops the server when aborted. */
  signal?: AbortSignal;
  /** Called once listening; defaults to printing the URL. */
  onListen?: (addr: Deno.NetAddr) => void;
}

/**
 * A web app: middlewares, routes and file-system routes, applied in the
 * order they are registered.
 *
 * @example
 * ```ts
 * export const app = new App<State>()
 *   .use(staticFiles())
 *   .get("/api/health", (ctx) => ctx.json({ status: "ok" }))
 *   .fsRoutes();
 * ```
 */
export class App<State> {
  /** The resolved configuration. */
  readonly config: ResolvedFreshConfig;
  #commands: Command<State>[] = [];
  #buildCache: BuildCache | null = null;

  static {
    getBuildCache = (app) => app.#buildCache;
    setBuildCache = (app, cache) => {
      app.#buildCache = cache;
    };
  }

  /** Creates an app; see {@linkcode FreshConfig}. */
  constructor(config?: FreshConfig) {
    this.config = resolveConfig(config);
  }

  /** Adds middleware for every path, or for paths under `path`. */
  use(...fns: Middleware<State>[]): this;
  use(path: string, ...fns: Middleware<State>[]): this;
  use(first: string | Middleware<State>, ...rest: Middleware<State>[]): this {
    const [segment, fns] = typeof first === "string"
      ? [patternToSegments(first), rest]
      : [[], [first, ...rest]];
    this.#commands.push({ type: "middleware", segment, fns });
    return this;
  }

  /** Handles GET (and so HEAD) requests to `path`. */
  get(path: string, ...fns: Middleware<State>[]): this {
    return this.#handler("GET", path, fns);
  }
  /** Handles POST requests to `path`. */
  post(path: string, ...fns: Middleware<State>[]): this {
    return this.#handler("POST", path, fns);
  }
  /** Handles PUT requests to `path`. */
  put(path: string, ...fns: Middleware<State>[]): this {
    return this.#handler("PUT", path, fns);
  }
  /** Handles PATCH requests to `path`. */
  patch(path: string, ...fns: Middleware<State>[]): this {
    return this.#handler("PATCH", path, fns);
  }
  /** Handles DELETE requests to `path`. */
  delete(path: string, ...fns: Middleware<State>[]): this {
    return this.#handler("DELETE", path, fns);
  }
  /** Handles HEAD requests to `path` (GET routes answer HEAD already). */
  head(path: string, ...fns: Middleware<State>[]): this {
    return this.#handler("HEAD", path, fns);
  }
  /** Handles every method on `path`. */
  all(path: string, ...fns: Middleware<State>[]): this {
    return this.#handler("ALL", path, fns);
  }

  /** Accepts WebSocket connections on `path` with managed handlers. */
  ws(
    path: string,
    handlers: WebSocketHandlers,
    options?: WebSocketUpgradeOptions,
  ): this {
    return this.get(path, (ctx) => ctx.upgrade(handlers, options));
  }

  /** Registers a route: a page component and/or a handler. */
  route(path: string, route: Route<State>): this {
    this.#commands.push({
      type: "route",
      segment: patternToSegments(path).slice(0, -1),
      pattern: path,
      route,
    });
    return this;
  }

  /** Wraps pages under `path` in a layout component. */
  layout(
    path: string,
    component: RouteComponent<State>,
    config?: LayoutConfig,
  ): this {
    const segment = patternToSegments(path);
    this.#commands.push({
      type: "layout",
      segment,
      component,
      config: config ?? null,
    });
    return this;
  }

  /** Sets the document shell (`_app`), which receives `Component`. */
  appWrapper(component: RouteComponent<State>): this {
    this.#commands.push({ type: "app", component });
    return this;
  }

  /** Renders `route` when something under `path` throws. */
  onError(path: string, route: Route<State> | Middleware<State>): this {
    const r = typeof route === "function" ? { handler: route } : route;
    this.#commands.push({
      type: "error",
      segment: patternToSegments(path),
      route: r,
    });
    return this;
  }

  /** Renders `route` for requests that no route matches. */
  notFound(route: Route<State> | Middleware<State>): this {
    const r = typeof route === "function" ? { handler: route } : route;
    this.#commands.push({ type: "notFound", route: r });
    return this;
  }

  /** Inserts the routes of the `routes/` folder here (needs a build). */
  fsRoutes(pattern = "*"): this {
    this.#commands.push({ type: "fsRoutes", pattern });
    return this;
  }

  /**
   * Builds the request handler. Works without a server, which is how tests
   * call the app.
   */
  handler(): (
    req: Request,
    info?: Deno.ServeHandlerInfo,
  ) => Promise<Response> {
    const buildCache = this.#buildCache ?? new EmptyBuildCache();
    const router = new Router<Middleware<State>[]>();
    const { rootMiddlewares, notFound } = applyCommands(
      router,
      this.#commands,
      this.config.basePath,
      (pattern) =>
        fsRouteCommands(
          buildCache.fsRoutes,
          patternToSegments(pattern).slice(1),
        ),
    );
    const config = this.config;

    return async (req, info = DEFAULT_INFO) => {
      const url = new URL(req.url);
      // Collapse `//` so `//evil.example` never reaches a redirect as-is.
      url.pathname = url.pathname.replace(/\/{2,}/g, "/");
      const method = req.method.toUpperCase();

      let match;
      try {
        match = router.match(method, url.pathname);
      } catch {
        return new Response("Bad Request: malformed URL", { status: 400 });
      }
      let fns = match.item;
      if (fns === null) {
        const end: Middleware<State> = match.pattern === null
          ? notFound
          : method === "OPTIONS"
          ? () => new Response(null, { status: 204 })
          : () => Promise.reject(new HttpError(405));
        fns = [...rootMiddlewares, end];
      }
      const ctx = new Context<State>(
        req,
        url,
        info,
        match.pattern,
        match.params,
        config,
        () => Promise.reject(new HttpError(500)),
        buildCache,
      );
      let res: Response;
      try {
        res = await runMiddlewares(fns, ctx);
      } catch (error) {
        res = errorResponse(error);
      }
      if (match.item === null && match.pattern !== null) {
        res = allowResponse(res, match);
      }
      if (method === "HEAD" && res.body !== null) {
        await res.body.cancel();
        res = new Response(null, res);
      }
      return res;
    };
  }

  /** Serves the app with `Deno.serve` until the signal aborts. */
  async listen(options: ListenOptions = {}): Promise<void> {
    const handler = this.handler();
    const onListen = options.onListen ?? ((addr: Deno.NetAddr) => {
      const host = addr.hostname === "0.0.0.0" ? "localhost" : addr.hostname;
      console.log(`Listening on http://${host}:${addr.port}/`);
    });
    const serveOptions = {
      hostname: options.hostname,
      signal: options.signal,
      onListen,
    };
    if (options.port !== undefined) {
      await Deno.serve({ ...serveOptions, port: options.port }, handler)
        .finished;
      return;
    }
    for (let port = 8000; port < 8020; port++) {
      let server;
      try {
        server = Deno.serve({ ...serveOptions, port }, handler);
      } catch (error) {
        if (error instanceof Deno.errors.AddrInUse) continue;
        throw error;
      }
      await server.finished;
      return;
    }
    throw new Error("No free port between 8000 and 8019");
  }

  #handler(
    method: Method | "ALL",
    path: string,
    fns: Middleware<State>[],
  ): this {
    this.#commands.push({
      type: "handler",
      segment: patternToSegments(path).slice(0, -1),
      pattern: path,
      method,
      fns,
    });
    return this;
  }
}

function allowResponse(res: Response, match: { allowed: Method[] }): Response {
  const headers = new Headers(res.headers);
  headers.set("Allow", match.allowed.join(", "));
  return new Response(res.body, {
    status: res.status,
    statusText: res.statusText,
    headers,
  });
}

function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) {
    // Only client errors echo their message; a 5xx never leaks details.
    const body = error.status < 500 ? error.message : "Internal Server Error";
    return new Response(body, { status: error.status });
  }
  console.error(error);
  return new Response("Internal Server Error", { status: 500 });
}

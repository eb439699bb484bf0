import { HttpError } from "./error.ts";
import { isHandlerByMethod } from "./handlers.ts";
import type { Middleware } from "./middlewares/mod.ts";
import type { RouteComponent } from "./render.ts";
import { mergePath, type Method, METHODS, type Router } from "./router.ts";
import {
  getSegment,
  newSegment,
  renderRoute,
  type Route,
  type Segment,
  segmentToMiddlewares,
} from "./segments.ts";
import type { LayoutConfig } from "./types.ts";

/**
 * What `App` methods record. Commands apply in order when the handler is
 * built, which is what makes a middleware wrap only later registrations.
 * `segment` is the path of segment keys the command is scoped to.
 */
export type Command<State> =
  | { type: "middleware"; segment: string[]; fns: Middleware<State>[] }
  | {
    type: "layout";
    segment: string[];
    component: RouteComponent<State>;
    config: LayoutConfig | null;
  }
  | { type: "app"; component: RouteComponent<State> }
  | { type: "error"; segment: string[]; route: Route<State> }
  | { type: "notFound"; route: Route<State> }
  | { type: "route"; segment: string[]; pattern: string; route: Route<State> }
  | {
    type: "handler";
    segment: string[];
    pattern: string;
    method: Method | "ALL";
    fns: Middleware<State>[];
  }
  | { type: "fsRoutes"; pattern: string };

/** What applying the commands leaves besides the filled router. */
export interface AppliedCommands<State> {
  /** Middlewares of the root segment, for requests no route matched. */
  rootMiddlewares: Middleware<State>[];
  /** Ends the chain of a request no route matched. */
  notFound: Middleware<State>;
}

/** Fills `router` from `commands`; `expandFs` supplies the fs-route commands. */
export function applyCommands<State>(
  router: Router<Middleware<State>[]>,
  commands: Command<State>[],
  basePath: string,
  expandFs: (pattern: string) => Command<State>[],
): AppliedCommands<State> {
  const root = newSegment<State>(null);
  const notFound: { route: Route<State> | null } = { route: null };
  apply(root, router, commands, basePath, expandFs, notFound);
  const fallback = notFound.route;
  return {
    rootMiddlewares: segmentToMiddlewares(root),
    notFound: fallback === null
      ? () => Promise.reject(new HttpError(404))
      : (ctx) => renderRoute(ctx, fallback, 404),
  };
}

function apply<State>(
  root: Segment<State>,
  router: Router<Middleware<State>[]>,
  commands: Command<State>[],
  basePath: string,
  expandFs: (pattern: string) => Command<State>[],
  notFound: { route: Route<State> | null },
) {
  for (const cmd of commands) {
    switch (cmd.type) {
      case "middleware":
        getSegment(root, cmd.segment).middlewares.push(...cmd.fns);
        break;
      case "layout":
        getSegment(root, cmd.segment).layout = {
          component: cmd.component,
          config: cmd.config,
        };
        break;
      case "app":
        root.app = cmd.component;
        break;
      case "error":
        getSegment(root, cmd.segment).errorRoute = cmd.route;
        break;
      case "notFound":
        notFound.route = cmd.route;
        root.notFound = cmd.route;
        break;
      case "route": {
        const { route } = cmd;
        const fns = segmentToMiddlewares(getSegment(root, cmd.segment));
        fns.push((ctx) => renderRoute(ctx, route));
        const path = mergePath(
          basePath,
          route.config?.routeOverride ?? cmd.pattern,
        );
        for (const method of routeMethods(route)) router.add(method, path, fns);
        break;
      }
      case "handler": {
        const fns = segmentToMiddlewares(getSegment(root, cmd.segment));
        fns.push(...cmd.fns);
        const path = mergePath(basePath, cmd.pattern);
        const methods = cmd.method === "ALL" ? METHODS : [cmd.method];
        for (const method of methods) router.add(method, path, fns);
        break;
      }
      case "fsRoutes":
        apply(
          root,
          router,
          expandFs(cmd.pattern),
          basePath,
          expandFs,
          notFound,
        );
        break;
    }
  }
}

/** The methods a route answers; HEAD is implied by GET in the router. */
function routeMethods<State>(route: Route<State>): readonly Method[] {
  const configured = route.config?.methods;
  if (Array.isArray(configured)) return configured;
  const { handler, component } = route;
  if (handler === undefined) return component === undefined ? [] : ["GET"];
  if (!isHandlerByMethod(handler)) return METHODS;
  const methods = Object.keys(handler).filter((m): m is Method =>
    (METHODS as readonly string[]).includes(m)
  );
  if (component !== undefined && !methods.includes("GET")) methods.push("GET");
  return methods;
}

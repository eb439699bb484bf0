/**
 * The app's route table, as the router sees it: every pattern the file
 * routes register and the methods each answers. Tests that must hold for
 * every route iterate over it, so a new route is covered automatically.
 */
import { App } from "fresh";
import { getBuildCache } from "@/lib/fresh/app.ts";
import { applyCommands } from "@/lib/fresh/commands.ts";
import { fsRouteCommands } from "@/lib/fresh/fs_routes.ts";
import type { Middleware } from "@/lib/fresh/middlewares/mod.ts";
import { type Method, patternToSegments, Router } from "@/lib/fresh/router.ts";
import { applyBuild } from "./test_app.ts";

/** One route of the table. */
export interface RouteEntry {
  /** URLPattern pathname, e.g. `/api/tasks/:id`. */
  pattern: string;
  /** Methods registered for it (HEAD is implied by GET). */
  methods: Method[];
  /** Names of its path parameters, in order. */
  params: string[];
}

/** Methods that may change something. */
export const UNSAFE_METHODS: readonly Method[] = [
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
];

/** A router that remembers what was registered on it. */
class RecordingRouter<T> extends Router<T> {
  readonly added = new Map<string, Set<Method>>();

  override add(method: Method, pattern: string, item: T): void {
    let methods = this.added.get(pattern);
    if (methods === undefined) this.added.set(pattern, methods = new Set());
    methods.add(method);
    super.add(method, pattern, item);
  }
}

/** Every route of the built app, in registration order. */
export function routeTable(): RouteEntry[] {
  const app = new App();
  applyBuild(app);
  const cache = getBuildCache(app);
  if (cache === null) throw new Error("the test build did not attach");
  const router = new RecordingRouter<Middleware<unknown>[]>();
  // The same expansion App.handler() does for `.fsRoutes()`.
  applyCommands(
    router,
    [{ type: "fsRoutes", pattern: "*" }],
    app.config.basePath,
    (pattern) =>
      fsRouteCommands(cache.fsRoutes, patternToSegments(pattern).slice(1)),
  );
  return [...router.added].map(([pattern, methods]) => ({
    pattern,
    methods: [...methods],
    params: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]),
  }));
}

/**
 * A concrete path for `pattern`: each parameter gets `values[name]` (URL-
 * encoded), or `fallback`.
 */
export function pathFor(
  pattern: string,
  values: Record<string, string>,
  fallback: string,
): string {
  return pattern.replace(
    /:(\w+)\*?/g,
    (_, name: string) => encodeURIComponent(values[name] ?? fallback),
  ).replace(/[{}]\??/g, "");
}

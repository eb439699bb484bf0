import type { Middleware } from "./mod.ts";

/**
 * Redirects (302) every path but `/` to its form with a trailing slash
 * (`"always"`) or without one (`"never"`), keeping the query string, as
 * Fresh's middleware of the same name does.
 *
 * @example
 * ```ts
 * app.use(trailingSlashes("never")); // /tasks/ → /tasks
 * ```
 */
export function trailingSlashes<State>(
  mode: "always" | "never",
): Middleware<State> {
  return function trailingSlashesMiddleware(ctx) {
    const { pathname, search } = ctx.url;
    if (pathname === "/") return ctx.next();
    const slashed = pathname.endsWith("/");
    if (mode === "always" && !slashed) {
      return ctx.redirect(`${pathname}/${search}`);
    }
    if (mode === "never" && slashed) {
      return ctx.redirect(`${pathname.slice(0, -1)}${search}`);
    }
    return ctx.next();
  };
}

import type { Context } from "../context.ts";
import { HttpError } from "../error.ts";
import type { Middleware } from "./mod.ts";

/** Options for {@linkcode csrf}. */
// deno-lint-ignore no-explicit-any
export interface CsrfOptions<State = any> {
  /**
   * The origins allowed to make unsafe requests: one origin, a list, or a
   * function deciding per request. Unset: only the request URL's origin.
   */
  origin?:
    | string
    | string[]
    | ((origin: string, context: Context<State>) => boolean);
}

// Methods that must not change anything, so never need the check.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-Site Request Forgery protection, as Fresh 2's `csrf()`: an unsafe
 * request (anything but GET, HEAD, OPTIONS) passes when the browser says it
 * is same-origin or user-initiated (`Sec-Fetch-Site: same-origin | none`),
 * or when its `Origin` is allowed. A request with neither header did not
 * come from a browser and passes. Anything else is `HttpError(403)`.
 *
 * @example
 * ```ts
 * app.use(csrf());
 * app.use(csrf({ origin: "https://app.example.com" }));
 * app.use(csrf({ origin: (origin) => origin.endsWith(".example.com") }));
 * ```
 */
export function csrf<State>(
  options: CsrfOptions<State> = {},
): Middleware<State> {
  const allowed = originCheck(options.origin);
  return function checkCsrf(ctx) {
    if (SAFE_METHODS.has(ctx.req.method.toUpperCase())) return ctx.next();
    const site = ctx.req.headers.get("sec-fetch-site");
    const origin = ctx.req.headers.get("origin");
    if (site !== null) {
      // Fetch metadata is set by the browser and cannot be forged by a page.
      if (site === "same-origin" || site === "none") return ctx.next();
      if (origin !== null && allowed(origin, ctx)) return ctx.next();
      throw new HttpError(403);
    }
    if (origin === null || allowed(origin, ctx)) return ctx.next();
    throw new HttpError(403);
  };
}

function originCheck<State>(
  option: CsrfOptions<State>["origin"],
): (origin: string, ctx: Context<State>) => boolean {
  if (option === undefined || option === "") {
    return (origin, ctx) => origin === ctx.url.origin;
  }
  if (typeof option === "string") return (origin) => origin === option;
  if (Array.isArray(option)) return (origin) => option.includes(origin);
  return option;
}

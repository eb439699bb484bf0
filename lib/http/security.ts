import type { Middleware } from "fresh";
import { ApiError } from "./errors.ts";

/**
 * ProdSight's Content-Security-Policy, for `csp({ useNonce: true, csp })`:
 * scripts only from the nonce'd boot script and what it imports, no plugins,
 * no `<base>` rewriting, no framing.
 */
export const APP_CSP: string[] = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'strict-dynamic'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Response headers every response gets: no sniffing, no framing, a strict
 * referrer policy, HSTS over https, and `no-store` on API responses so
 * private data is never cached by browsers or proxies.
 */
export function securityHeaders<State>(): Middleware<State> {
  return async function setSecurityHeaders(ctx) {
    const res = await ctx.next();
    if (res.status === 101) return res;
    const headers = res.headers;
    try {
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
      if (ctx.url.protocol === "https:") {
        headers.set("Strict-Transport-Security", "max-age=63072000");
      }
      if (ctx.url.pathname.startsWith("/api/")) {
        // A handler may say more (e.g. "private, no-store" on downloads).
        if (!headers.get("cache-control")?.includes("no-store")) {
          headers.set("Cache-Control", "no-store");
        }
      } else if (headers.get("content-type")?.startsWith("text/html")) {
        // Pages show private data too; revalidate rather than reuse.
        headers.set("Cache-Control", "no-store");
      }
    } catch {
      // A response with immutable headers (upgrade) is passed through.
    }
    return res;
  };
}

/** Whether `origin` is this app's own origin or an allowed one. */
export function isAllowedOrigin(
  origin: string,
  url: URL,
  allowed: readonly string[],
): boolean {
  return origin === url.origin || allowed.includes(origin);
}

/**
 * Refuses cross-site writes that ride on cookies (CSRF): a state-changing
 * request that carries cookies must come from the app's own origin, told by
 * `Origin` or else `Sec-Fetch-Site: same-origin`. Bearer-token clients send
 * no cookies and are not affected.
 */
export function originGuard<State>(
  allowed: readonly string[],
): Middleware<State> {
  return function checkOrigin(ctx) {
    const { req, url } = ctx;
    if (!UNSAFE_METHODS.has(req.method) || !req.headers.has("cookie")) {
      return ctx.next();
    }
    const origin = req.headers.get("origin");
    const fetchSite = req.headers.get("sec-fetch-site");
    const sameOrigin = origin !== null
      ? isAllowedOrigin(origin, url, allowed)
      : fetchSite === "same-origin";
    if (!sameOrigin) {
      throw new ApiError(
        403,
        "forbidden_origin",
        "Cross-site requests with cookies are not allowed",
      );
    }
    return ctx.next();
  };
}

import { HttpError, type Middleware } from "fresh";
import type { Config } from "@/lib/config.ts";
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

/**
 * Response headers every response gets: no sniffing, no framing, a strict
 * referrer policy, HSTS (over https, or always when `hsts` says the app is
 * served over https by a proxy in front), and `no-store` on API responses so
 * private data is never cached by browsers or proxies.
 */
export function securityHeaders<State>(
  options: { hsts?: boolean } = {},
): Middleware<State> {
  return async function setSecurityHeaders(ctx) {
    const res = await ctx.next();
    if (res.status === 101) return res;
    const headers = res.headers;
    try {
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
      if (options.hsts || ctx.url.protocol === "https:") {
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

/** The settings that decide which origins are the app's own. */
export type OriginConfig = Pick<
  Config,
  "allowedOrigins" | "publicOrigin" | "production"
>;

/**
 * The app's own origin: the configured public origin (behind a proxy), else
 * the origin the request arrived at.
 */
export function ownOrigin(config: OriginConfig, url: URL): string {
  return config.publicOrigin ?? url.origin;
}

/** Whether `origin` is this app's own origin or a configured extra one. */
export function isAllowedOrigin(
  origin: string,
  url: URL,
  config: OriginConfig,
): boolean {
  return origin === ownOrigin(config, url) ||
    config.allowedOrigins.includes(origin);
}

/**
 * Whether session cookies get `Secure`: always in production, when the
 * public origin is https, or when the request itself came over https.
 */
export function secureCookies(config: OriginConfig, url: URL): boolean {
  return config.production || config.publicOrigin?.startsWith("https:") ||
    url.protocol === "https:";
}

/** Whether responses carry HSTS even when the request reached us over http. */
export function alwaysHsts(config: OriginConfig): boolean {
  return config.production ||
    (config.publicOrigin?.startsWith("https:") ?? false);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A client holding a token: `Authorization: Bearer` and no cookies. A
 * browser never adds that header to a request another site makes, and
 * without cookies there is no ambient credential to forge with.
 */
export function isTokenClient(req: Request): boolean {
  return !req.headers.has("cookie") &&
    /^Bearer\s+\S+$/i.test(req.headers.get("authorization") ?? "");
}

/**
 * Guards unsafe requests against cross-site forgery around Fresh's
 * `csrf()` (passed as `check`, configured with the app's origins):
 *
 * - token clients ({@linkcode isTokenClient}) are not checked;
 * - a request that says nothing of where it comes from (no `Origin`, no
 *   `Sec-Fetch-Site`: an old browser, or not a browser) is refused when a
 *   forged one could look the same: when it carries cookies, or a form body
 *   (`application/x-www-form-urlencoded`, `multipart/form-data`,
 *   `text/plain`: what another site's form sends, say to sign the victim in
 *   as the attacker). Without cookies, anything else (JSON, a file, no
 *   body) needs a CORS preflight this app never grants, so it comes from an
 *   API client, such as one signing in for its token;
 * - everything else is up to `check`.
 *
 * A refusal is `ApiError(403, "forbidden_origin")`: JSON for the API, a page
 * for forms (see `routes/_error.tsx`).
 */
export function crossSiteGuard<State>(
  check: Middleware<State>,
): Middleware<State> {
  return async function refuseCrossSite(ctx) {
    const { req } = ctx;
    if (SAFE_METHODS.has(req.method.toUpperCase()) || isTokenClient(req)) {
      return await ctx.next();
    }
    const headers = req.headers;
    const silent = !headers.has("origin") && !headers.has("sec-fetch-site");
    if (
      silent &&
      (headers.has("cookie") || isFormType(headers.get("content-type")))
    ) {
      throw crossSiteError();
    }
    // Tell `check`'s own refusal from a 403 thrown further down the chain.
    const next = ctx.next;
    let passed = false;
    ctx.next = () => {
      passed = true;
      return next();
    };
    try {
      return await check(ctx);
    } catch (error) {
      if (!passed && error instanceof HttpError && error.status === 403) {
        throw crossSiteError();
      }
      throw error;
    }
  };
}

// The types a page may send to another origin without a CORS preflight.
const FORM_TYPES =
  /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\s*(;|$)/i;

function isFormType(contentType: string | null): boolean {
  return contentType !== null && FORM_TYPES.test(contentType);
}

function crossSiteError(): ApiError {
  return new ApiError(
    403,
    "forbidden_origin",
    "Cross-site requests are not allowed: send this from ProdSight's own pages",
  );
}

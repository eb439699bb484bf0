import type { Middleware } from "./mod.ts";

/** Options for {@linkcode csp}. */
export interface CSPOptions {
  /** Send `Content-Security-Policy-Report-Only` instead of enforcing. */
  reportOnly?: boolean;
  /** Adds `Reporting-Endpoints`, `report-to` and `report-uri`. */
  reportTo?: string;
  /** Directives to add; one named like a default replaces that default. */
  csp?: string[];
  /**
   * Replace `'unsafe-inline'` in `script-src` with the per-request nonce
   * the renderer puts on the island boot script.
   */
  useNonce?: boolean;
}

/** Where a rendered response carries its script nonce (never a header). */
export const NONCE_SYMBOL: unique symbol = Symbol("fresh.nonce");

const DEFAULTS = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

const nameOf = (directive: string) => directive.trim().split(/\s+/)[0];

/**
 * Sets a Content-Security-Policy on every response.
 *
 * @example
 * ```ts
 * app.use(csp({ useNonce: true, csp: ["base-uri 'none'"] }));
 * ```
 */
export function csp<State>(options: CSPOptions = {}): Middleware<State> {
  const { reportOnly = false, reportTo, csp: extra = [], useNonce = false } =
    options;
  const overridden = new Set(extra.map(nameOf));
  const directives = [
    ...DEFAULTS.filter((d) => !overridden.has(nameOf(d))),
    ...extra,
  ];
  if (reportTo) {
    directives.push("report-to csp-endpoint", `report-uri ${reportTo}`);
  }
  const header = reportOnly
    ? "Content-Security-Policy-Report-Only"
    : "Content-Security-Policy";
  const plain = directives.join("; ");

  return async function contentSecurityPolicy(ctx) {
    const res = await ctx.next();
    // A WebSocket upgrade has no document to protect.
    if (res.status === 101) return res;
    const nonce = useNonce
      ? (res as { [NONCE_SYMBOL]?: string })[NONCE_SYMBOL]
      : undefined;
    const value = nonce === undefined
      ? plain
      : directives.map((d) =>
        nameOf(d) === "script-src"
          ? d.replace("'unsafe-inline'", `'nonce-${nonce}'`)
          : d
      ).join("; ");
    try {
      res.headers.set(header, value);
      if (reportTo) {
        res.headers.set("Reporting-Endpoints", `csp-endpoint="${reportTo}"`);
      }
      return res;
    } catch {
      // Immutable headers (e.g. a fetched response): copy to set them.
      const copy = new Response(res.body, res);
      copy.headers.set(header, value);
      return copy;
    }
  };
}

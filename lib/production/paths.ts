/**
 * Addresses inside a production (DESIGN §4), browser-safe: pages live at
 * `/p/<slug>/…` and the module API at `/api/p/<slug>/…`. Code that links
 * or calls within "its" production writes production-relative paths
 * (`/tasks/t1`, `/api/tasks`) and maps them here with the page's slug, so
 * a tab in one production never reaches into another.
 *
 * @example
 * ```ts
 * inProduction("northern-lights", "/tasks/t1"); // "/p/northern-lights/tasks/t1"
 * inProduction("northern-lights", "/api/tasks"); // "/api/p/northern-lights/tasks"
 * slugOfPath("/api/p/northern-lights/tasks"); // "northern-lights"
 * ```
 *
 * @module
 */

/** API paths that belong to the studio, not to one production. */
const STUDIO_API =
  /^\/api\/(auth|productions|accounts|home|health|ws|p)(?=[/?.]|$)/;

/**
 * Where a production-relative path lives in production `slug`: a page
 * path under `/p/<slug>`, a module API path under `/api/p/<slug>`. Studio
 * API paths, fragments and anything already absolute stay as they are.
 */
export function inProduction(slug: string, path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) return path;
  if (path.startsWith("/api/")) {
    return STUDIO_API.test(path) ? path : `/api/p/${slug}${path.slice(4)}`;
  }
  if (path.startsWith("/p/")) return path;
  // The dashboard is `/p/<slug>`: no slash before its query or fragment.
  if (/^\/(?=[?#]|$)/.test(path)) return `/p/${slug}${path.slice(1)}`;
  return `/p/${slug}${path}`;
}

/** The production slug of a `/p/<slug>/…` or `/api/p/<slug>/…` path, or null. */
export function slugOfPath(pathname: string): string | null {
  return pathname.match(/^\/(?:api\/)?p\/([a-z0-9-]+)(?:\/|$)/)?.[1] ?? null;
}

/**
 * The production-relative form of a page path (`/p/<slug>/tasks` →
 * `/tasks`, `/p/<slug>` → `/`); other paths as they are.
 */
export function withinProduction(pathname: string): string {
  const slug = slugOfPath(pathname);
  if (slug === null || pathname.startsWith("/api/")) return pathname;
  return pathname.slice(`/p/${slug}`.length) || "/";
}

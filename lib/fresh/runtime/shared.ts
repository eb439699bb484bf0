import { getBuildId } from "./build_id.ts";

/** True in the browser, false while rendering on the server. */
export const IS_BROWSER: boolean = typeof document !== "undefined";

/**
 * Adds a cache-busting build id to a root-relative static file path, so the
 * file can be cached forever and still refresh after a deploy. Other URLs
 * come back unchanged.
 *
 * @example
 * ```tsx
 * <link rel="stylesheet" href={asset("/styles.css")} />
 * ```
 */
export function asset(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) return path;
  const id = getBuildId();
  if (id === "") return path;
  try {
    const url = new URL(path, "http://localhost");
    if (url.searchParams.has(ASSET_CACHE_BUST_KEY)) return path;
    url.searchParams.set(ASSET_CACHE_BUST_KEY, id);
    return url.pathname + url.search + url.hash;
  } catch {
    return path;
  }
}

/** Query parameter that carries the build id on asset URLs. */
export const ASSET_CACHE_BUST_KEY = "__frsh_c";

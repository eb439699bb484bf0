import { getBuildCache } from "../context.ts";
import { HttpError } from "../error.ts";
import { ASSET_CACHE_BUST_KEY } from "../runtime/shared.ts";
import type { Middleware } from "./mod.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the files of `static/` and the built island scripts. Only files
 * the build listed are served, so no URL can reach outside them. Responses
 * carry an ETag (304 on a match); hashed or build-id URLs are immutable.
 *
 * @example
 * ```ts
 * app.use(staticFiles());
 * ```
 */
export function staticFiles<State>(): Middleware<State> {
  return async function serveStaticFile(ctx) {
    const { req, url } = ctx;
    if (req.method !== "GET" && req.method !== "HEAD") return ctx.next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      throw new HttpError(400, "Malformed URL");
    }
    const basePath = ctx.config.basePath;
    if (basePath !== "") {
      if (!pathname.startsWith(basePath + "/")) return ctx.next();
      pathname = pathname.slice(basePath.length);
    }
    const cache = getBuildCache(ctx);
    const file = cache.getStaticFile(pathname);
    if (file === null) return ctx.next();

    const buildId = url.searchParams.get(ASSET_CACHE_BUST_KEY);
    if (buildId !== null && buildId !== cache.buildId) {
      // A page from an older build asked for this file: send it to the
      // current one rather than cache old bytes under a new name.
      const location = new URL(url);
      location.searchParams.set(ASSET_CACHE_BUST_KEY, cache.buildId);
      return new Response(null, {
        status: 307,
        headers: { location: location.pathname + location.search },
      });
    }

    const etag = `"${file.etag}"`;
    const headers = new Headers({
      "Content-Type": file.contentType,
      "ETag": etag,
      "Cache-Control": file.hashed || buildId !== null ? IMMUTABLE : "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (matchesEtag(req.headers.get("if-none-match"), etag)) {
      headers.delete("Content-Type");
      return new Response(null, { status: 304, headers });
    }
    if (req.method === "HEAD") {
      headers.set("Content-Length", String(file.size));
      return new Response(null, { headers });
    }
    const { body, size } = await file.open();
    headers.set("Content-Length", String(size));
    return new Response(body as BodyInit, { headers });
  };
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) =>
    tag.trim().replace(/^W\//, "") === etag
  );
}

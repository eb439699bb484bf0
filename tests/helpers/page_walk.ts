/**
 * URL rules of the page walk (`tests/walk_browser_test.ts`): which links
 * lead to pages worth walking, and which pages are of one kind.
 *
 * @module
 */

/** Paths that are not pages: the API, build output, static files. */
const NOT_PAGES = /^\/(api|_fresh|static)(\/|$)|\.[a-z0-9]+$/i;

/**
 * A link's same-origin page path (with its query), or null when it leads
 * elsewhere: another site, the API, a file, an in-page anchor, sign-out.
 */
export function walkableLink(href: string, origin: string): string | null {
  if (href === "" || href.startsWith("#")) return null;
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || NOT_PAGES.test(url.pathname)) return null;
  if (url.pathname === "/login" || url.pathname === "/logout") return null;
  return url.pathname + url.search;
}

/**
 * The kind of page a path shows: its path with record ids (segments
 * holding a digit, or long ones) replaced by `:id`, query left out; the
 * production's slug (`/p/<slug>/…`) is kept as it is. Two tasks are one
 * kind; a task and the task list are two.
 */
export function pageKind(path: string): string {
  const pathname = path.split(/[?#]/)[0];
  const segments = pathname.split("/");
  return segments.map((segment, i) =>
    i === 2 && segments[1] === "p"
      ? segment
      : /\d/.test(segment) || segment.length > 24
      ? ":id"
      : segment
  ).join("/");
}

/**
 * The route that serves a page path: the pattern of the first of
 * `patterns` (URLPattern pathnames, as the route table lists them) that
 * matches it, fewest parameters first, or null for none. Pages of one route
 * are one kind, in whichever production: `/p/a/tasks/1` and `/p/b/tasks/2`
 * are both `/p/:slug/tasks/:id`.
 */
export function pageRoute(
  path: string,
  patterns: readonly string[],
): string | null {
  const pathname = path.split(/[?#]/)[0];
  const params = (p: string) => p.split(":").length;
  const ordered = [...patterns].sort((a, b) => params(a) - params(b));
  for (const pattern of ordered) {
    if (new URLPattern({ pathname: pattern }).test({ pathname })) {
      return pattern;
    }
  }
  return null;
}

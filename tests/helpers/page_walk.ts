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

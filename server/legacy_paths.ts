/**
 * Addresses from before productions (DESIGN §4): `/tasks/…`, `/budget`, …
 * and `/api/tasks/…`, `/api/budget`, … named the one production there was.
 * They now lead to the same page or call in the user's most recent
 * production: the one whose page they opened last (a cookie), else the
 * first they are a member of. A 307 keeps the method and body, so an old
 * form post or API write lands where it would have. Signed out, pages go
 * to sign-in first (and come back here after); API calls get 401.
 *
 * @module
 */
import type { Middleware } from "fresh";
import { ApiError } from "@/lib/http/errors.ts";
import { recentProduction } from "./production_scope.ts";
import type { State } from "./state.ts";

const PAGE =
  /^\/(tasks|budget|script|vfx|assets|team|reports|status|settings|announcements)(?=\/|$)/;
const API =
  /^\/api\/(tasks|budget|scripts|vfx|assets|announcements|reports|users|events|status)(?=\/|$|\.)/;

/** Redirects old single-production addresses into a production. */
export function legacyPaths(): Middleware<State> {
  return async function redirectLegacyPath(ctx) {
    const { pathname, search } = ctx.url;
    const page = PAGE.test(pathname);
    const api = !page && API.test(pathname);
    if (!page && !api) return ctx.next();
    const account = ctx.state.account;
    if (account === null) {
      if (api) throw new ApiError(401, "unauthorized", "Sign in to continue");
      const next = encodeURIComponent(pathname + search);
      return ctx.redirect(`/login?next=${next}`, 303);
    }
    const target = await recentProduction(ctx, account.id);
    if (target === null) {
      if (api) {
        throw new ApiError(
          404,
          "not_found",
          "You are not a member of any production yet",
        );
      }
      return ctx.redirect("/", 303);
    }
    const slug = target.slug;
    const location = api
      ? `/api/p/${slug}${pathname.slice("/api".length)}${search}`
      : `/p/${slug}${pathname}${search}`;
    return ctx.redirect(location, 307);
  };
}

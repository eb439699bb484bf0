import { define } from "@/server/state.ts";
import { enterBySlug, rememberProduction } from "@/server/production_scope.ts";

/**
 * A production's pages need a signed-in member (others go to login and
 * back again; a non-member gets the 404 page) and the production they show.
 */
export default define.middleware(async (ctx) => {
  if (ctx.state.account === null) {
    const next = ctx.url.pathname + ctx.url.search;
    return ctx.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  }
  await enterBySlug(ctx, ctx.params.slug);
  return rememberProduction(ctx, await ctx.next(), ctx.params.slug);
});

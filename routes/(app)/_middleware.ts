import { getProduction } from "@/lib/production/store.ts";
import { define } from "@/server/state.ts";

/**
 * Pages need a signed-in user (others go to login and back again) and the
 * production they show, for its time zone and currency.
 */
export default define.middleware(async (ctx) => {
  if (ctx.state.user === null) {
    const next = ctx.url.pathname + ctx.url.search;
    const target = next === "/"
      ? "/login"
      : `/login?next=${encodeURIComponent(next)}`;
    return ctx.redirect(target, 303);
  }
  ctx.state.production = await getProduction(ctx.state.services.kv);
  return ctx.next();
});

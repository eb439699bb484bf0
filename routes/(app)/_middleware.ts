import { define } from "../../lib/state.ts";

/** Pages need a signed-in user; send others to login and back again. */
export default define.middleware((ctx) => {
  if (ctx.state.user === null) {
    const next = ctx.url.pathname + ctx.url.search;
    const target = next === "/"
      ? "/login"
      : `/login?next=${encodeURIComponent(next)}`;
    return ctx.redirect(target, 303);
  }
  return ctx.next();
});

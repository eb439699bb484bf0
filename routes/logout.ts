import { secureCookies } from "@/lib/http/security.ts";
import { clearSessionCookies, REFRESH_COOKIE } from "@/lib/auth/session.ts";
import { getCookies } from "@/lib/http/cookies.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const refresh = getCookies(ctx.req.headers).get(REFRESH_COOKIE) ?? null;
    await ctx.state.services.auth.logout(refresh, ctx.state.claims);
    const res = ctx.redirect("/login", 303);
    clearSessionCookies(
      res.headers,
      secureCookies(ctx.state.services.config, ctx.url),
    );
    return res;
  },
});

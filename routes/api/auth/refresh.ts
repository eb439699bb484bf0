import { secureCookies } from "@/lib/http/security.ts";
import { REFRESH_COOKIE, sessionResponse } from "@/lib/auth/session.ts";
import { getCookies } from "@/lib/http/cookies.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const refresh = getCookies(ctx.req.headers).get(REFRESH_COOKIE);
    if (refresh === undefined) {
      throw new ApiError(401, "invalid_refresh", "No session to refresh");
    }
    const session = await ctx.state.services.auth.refresh(refresh);
    return sessionResponse(
      session,
      secureCookies(ctx.state.services.config, ctx.url),
    );
  },
});

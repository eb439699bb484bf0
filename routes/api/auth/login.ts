import { secureCookies } from "@/lib/http/security.ts";
import { clientAddress } from "@/lib/http/client_address.ts";
import { LoginSchema, sessionResponse } from "@/lib/auth/session.ts";
import { readJson } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const input = await readJson(ctx.req, LoginSchema);
    const session = await ctx.state.services.auth.login(
      input,
      clientAddress(ctx.info),
    );
    return sessionResponse(
      session,
      secureCookies(ctx.state.services.config, ctx.url),
    );
  },
});

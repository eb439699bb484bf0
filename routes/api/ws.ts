import { HttpError } from "fresh";
import { clientAddress } from "@/lib/http/client_address.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { isAllowedOrigin } from "@/lib/http/security.ts";
import { listProductions } from "@/lib/production/service.ts";
import { enterProductionOfSocket } from "@/server/production_scope.ts";
import { define } from "@/server/state.ts";
import { studioContextOf } from "@/server/studio_context.ts";

/**
 * The realtime socket of one production (DESIGN §5):
 * `/api/ws?production=<id or slug>[&after=<cursor>]`. Everything is checked
 * before the 101: the token, the origin of cookie-carrying handshakes,
 * membership of the production (404 for a non-member, as for a production
 * that does not exist), and the caps. Without `production`, the socket is
 * the user's most recent production's (server/legacy_paths.ts's rule).
 */
export const handler = define.handlers({
  async GET(ctx) {
    const { req, url, state } = ctx;
    // Read what we need from the request before the upgrade takes it.
    const origin = req.headers.get("origin");
    const hasCookies = req.headers.has("cookie");
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      throw new HttpError(400, "Expected a WebSocket upgrade request");
    }
    if (
      (hasCookies || origin !== null) &&
      (origin === null ||
        !isAllowedOrigin(origin, url, state.services.config))
    ) {
      throw new ApiError(
        403,
        "forbidden_origin",
        "This origin may not open a socket",
      );
    }
    const { account, claims } = state;
    if (account === null || claims === null) {
      throw new ApiError(401, "unauthorized", "Sign in to connect");
    }
    const hubs = state.services.hub;
    if (url.searchParams.get("scope") === "home") {
      await hubs.admit(account.id, clientAddress(ctx.info));
      const mine = await listProductions(studioContextOf(ctx));
      const { socket, response } = ctx.upgrade({ idleTimeout: 60 });
      hubs.home.attach(
        socket,
        { id: account.id, name: account.name },
        mine.map((p) => p.id),
        claims.exp * 1000,
        claims.sid ?? null,
      );
      return response;
    }
    await enterProductionOfSocket(ctx, url.searchParams.get("production"));
    const user = state.user!;
    await hubs.admit(user.id, clientAddress(ctx.info));
    const hub = await hubs.hubFor(state.production!.id);
    const { socket, response } = ctx.upgrade({ idleTimeout: 60 });
    hub.attach(
      socket,
      { id: user.id, name: user.name, role: user.role },
      claims.exp * 1000,
      url.searchParams.get("after"),
      claims.sid ?? null,
    );
    return response;
  },
});

import { HttpError } from "fresh";
import { clientAddress } from "@/lib/http/client_address.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { isAllowedOrigin } from "@/lib/http/security.ts";
import { define } from "@/server/state.ts";

/**
 * The realtime socket (DESIGN §5). Everything is checked before the 101:
 * the token, the origin of cookie-carrying handshakes, and the caps.
 */
export const handler = define.handlers({
  GET(ctx) {
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
    const user = state.user;
    if (user === null || state.claims === null) {
      throw new ApiError(401, "unauthorized", "Sign in to connect");
    }
    const { hub } = state.services;
    hub.admit(user.id, clientAddress(ctx.info));
    const { socket, response } = ctx.upgrade({ idleTimeout: 60 });
    hub.attach(
      socket,
      { id: user.id, name: user.name, role: user.role },
      state.claims.exp * 1000,
      url.searchParams.get("after"),
      state.claims.sid ?? null,
    );
    return response;
  },
});

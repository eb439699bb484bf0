import { secureCookies } from "@/lib/http/security.ts";
import type { Context, Middleware } from "fresh";
import { getCookies } from "@/lib/http/cookies.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { type Action, can, type Module } from "@/lib/policy.ts";
import { productionReadAlong } from "./known_productions.ts";
import type { State } from "./state.ts";
import {
  REFRESH_COOKIE,
  SESSION_COOKIE,
  type SessionAccount,
  type SessionUser,
  setSessionCookies,
} from "@/lib/auth/session.ts";

/**
 * Resolves who is asking: `Authorization: Bearer` first, else the session
 * cookie. A page navigation whose access token has expired is renewed from
 * the refresh cookie, so an open tab survives the 15-minute token; page
 * loads that race with the same old cookie all get its one successor
 * (`ROTATION_GRACE_MS`), so none of them signs the user out.
 */
export function authenticate(): Middleware<State> {
  return async function resolveUser(ctx) {
    ctx.state.account = null;
    ctx.state.user = null;
    ctx.state.claims = null;
    ctx.state.readAhead = null;
    const { auth } = ctx.state.services;
    const header = ctx.req.headers.get("authorization");
    const cookies = getCookies(ctx.req.headers);
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ??
      cookies.get(SESSION_COOKIE);
    if (token !== undefined) {
      const along = productionReadAlong(ctx);
      const session = await auth.authenticate(token, along ?? undefined);
      if (session !== null) {
        ctx.state.account = session.account;
        ctx.state.claims = session.claims;
        if (along !== null) ctx.state.readAhead = along.read(session.along);
        return ctx.next();
      }
    }
    const refresh = cookies.get(REFRESH_COOKIE);
    if (header === null && refresh !== undefined && isNavigation(ctx.req)) {
      // An invalid refresh token simply leaves the request signed out.
      const session = await auth.refresh(refresh).catch(() => null);
      if (session !== null) {
        ctx.state.account = session.user;
        ctx.state.claims = session.claims;
        const res = await ctx.next();
        setSessionCookies(
          res.headers,
          session,
          secureCookies(ctx.state.services.config, ctx.url),
        );
        return res;
      }
    }
    return ctx.next();
  };
}

/** A top-level page load (not an API call, script or image). */
function isNavigation(req: Request): boolean {
  if (req.method !== "GET") return false;
  const mode = req.headers.get("sec-fetch-mode");
  if (mode !== null) return mode === "navigate";
  return (req.headers.get("accept") ?? "").includes("text/html");
}

/** The signed-in account, or a 401. */
export function requireAccount(
  ctx: Pick<Context<State>, "state">,
): SessionAccount {
  const account = ctx.state.account;
  if (account === null) {
    throw new ApiError(401, "unauthorized", "Sign in to continue");
  }
  return account;
}

/**
 * The signed-in member of the request's production, or a 401 (a
 * non-member never gets this far: server/production_scope.ts answers 404).
 */
export function requireUser(ctx: Pick<Context<State>, "state">): SessionUser {
  const user = ctx.state.user;
  if (user === null) {
    throw new ApiError(401, "unauthorized", "Sign in to continue");
  }
  return user;
}

/** The signed-in user if the policy allows the action, else 401/403. */
export function requirePermission<M extends Module>(
  ctx: Context<State>,
  module: M,
  action: Action<M>,
): SessionUser {
  const user = requireUser(ctx);
  if (!can(user, module, action)) {
    throw new ApiError(403, "forbidden", "Your role may not do this");
  }
  return user;
}

import { createDefine } from "fresh";
import type { AccessClaims } from "@/lib/auth/jwt.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import type { Production } from "@/lib/production/schemas.ts";
import type { Services } from "./services.ts";

/** Per-request state, filled by the middlewares in `create_app.ts`. */
export interface State {
  /** Store, auth and configuration. */
  services: Services;
  /** The signed-in user (stored role), or null. */
  user: SessionUser | null;
  /** The access token's claims, when one authenticated the request. */
  claims: AccessClaims | null;
  /**
   * The production a page is about (its time zone, currency); loaded by
   * the pages' middleware, null elsewhere and before seeding.
   */
  production?: Production | null;
}

/** Typed `define.*` helpers for ProdSight's routes. */
export const define = createDefine<State>();

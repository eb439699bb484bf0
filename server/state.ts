import { createDefine } from "fresh";
import type { AccessClaims } from "@/lib/auth/jwt.ts";
import type { SessionAccount, SessionUser } from "@/lib/auth/session.ts";
import type { Production } from "@/lib/production/schemas.ts";
import type { ReadAhead } from "./known_productions.ts";
import type { Services } from "./services.ts";

/** Per-request state, filled by the middlewares in `create_app.ts`. */
export interface State {
  /** Store, auth and configuration. */
  services: Services;
  /** The signed-in account (read from the store), or null. */
  account: SessionAccount | null;
  /**
   * Inside a production (`/p/<slug>/…`, `/api/p/<slug>/…`): the account as
   * a member there, with its role read from the store on this request.
   * Null outside a production and when signed out.
   */
  user: SessionUser | null;
  /** The access token's claims, when one authenticated the request. */
  claims: AccessClaims | null;
  /**
   * The production the path names and the account's membership, read with
   * the account when this process knew the production ahead
   * (server/production_scope.ts); null otherwise.
   */
  readAhead: ReadAhead | null;
  /**
   * The production the request is about (server/production_scope.ts);
   * null outside one.
   */
  production: Production | null;
  /**
   * The store as this request may use it: inside a production, that
   * production's view (lib/store/production_kv.ts); outside, the studio's
   * store.
   */
  kv: Deno.Kv;
}

/** Typed `define.*` helpers for ProdSight's routes. */
export const define = createDefine<State>();

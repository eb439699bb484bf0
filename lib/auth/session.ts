import { z } from "zod";
import { ApiError } from "@/lib/http/errors.ts";
import { deleteCookie, setCookie } from "@/lib/http/cookies.ts";
import type { Role } from "@/lib/roles.ts";
import {
  findByUsername,
  type User,
  users,
  UserSchema,
} from "@/lib/team/users.ts";
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type AccessClaims,
  type TokenSigner,
} from "./jwt.ts";
import { MAX_PASSWORD_BYTES, verifyDummy, verifyPassword } from "./password.ts";
import { check, type Limit, record } from "./rate_limit.ts";
import {
  familyKey,
  isLiveFamily,
  issueRefreshToken,
  revokeFamily,
  revokeRefreshToken,
  rotateRefreshToken,
} from "./refresh_tokens.ts";

/** Cookie with the access JWT. */
export const SESSION_COOKIE = "ps_session";
/** Cookie with the opaque refresh token. */
export const REFRESH_COOKIE = "ps_refresh";

/**
 * Failed sign-ins allowed per 15 minutes, per username and per client
 * address (the address limit is `Config.loginFailuresPerAddress`). Only
 * failures count; made-up usernames count against their own name only.
 */
export const LOGIN_LIMITS: { perUsername: Limit; perAddress: Limit } = {
  perUsername: { max: 10, windowMs: 15 * 60 * 1000 },
  perAddress: { max: 50, windowMs: 15 * 60 * 1000 },
};

/** Tunables of {@linkcode AuthService}. */
export interface AuthOptions {
  /** Failed sign-ins on real accounts one address may make per window. */
  loginFailuresPerAddress?: number;
}

/** Login form or JSON body. */
export const LoginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username").max(64),
  password: z.string().min(1, "Enter your password").refine(
    (p) => new TextEncoder().encode(p).byteLength <= MAX_PASSWORD_BYTES,
    `Passwords are at most ${MAX_PASSWORD_BYTES} bytes`,
  ),
});

/**
 * The signed-in account as requests see it, read from the store: who it
 * is and whether it administers the studio. Roles are per production.
 */
export interface SessionAccount {
  id: string;
  username: string;
  name: string;
  /** May create productions and accounts (the studio-admin flag). */
  admin: boolean;
}

/**
 * The signed-in account as a member of the production a request is
 * about: its role there, read from the store on this request.
 */
export interface SessionUser extends SessionAccount {
  role: Role;
}

/** Tokens handed out at login or refresh. */
export interface IssuedSession {
  user: SessionAccount;
  /** The access token's claims; `sid` is the session id. */
  claims: AccessClaims;
  token: string;
  expiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

const revokedKey = (jti: string): Deno.KvKey => ["revoked_jti", jti];

/** The account's fields requests see; never the password hash. */
export function toSessionAccount(user: User): SessionAccount {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    admin: user.admin === true,
  };
}

/**
 * Keys a request will read next (its production and membership), read in
 * the same trip to the store as the account: `keys` gets the account id,
 * `kv` is the store they are read through (studio keys read the same
 * through a production's view).
 */
export interface ReadAlong {
  kv: Deno.Kv;
  keys(accountId: string): Deno.KvKey[];
}

/** A token resolved to its stored account, and what was read along. */
export interface Authenticated {
  account: SessionAccount;
  claims: AccessClaims;
  along: Deno.KvEntryMaybe<unknown>[];
}

/**
 * Sign-in, token refresh, sign-out and per-request authentication. The
 * role and active flag that count are always the stored ones.
 */
export class AuthService {
  #kv: Deno.Kv;
  #signer: TokenSigner;
  #perAddress: Limit;

  /** Creates the service. */
  constructor(kv: Deno.Kv, signer: TokenSigner, options: AuthOptions = {}) {
    this.#kv = kv;
    this.#signer = signer;
    this.#perAddress = {
      ...LOGIN_LIMITS.perAddress,
      max: options.loginFailuresPerAddress ?? LOGIN_LIMITS.perAddress.max,
    };
  }

  /**
   * Checks a username and password. Failures are limited per username and
   * per client address (counters in KV, shared by every instance); a
   * success costs nothing. A failure for a username that does not exist
   * counts against that name only, so made-up names cannot use up the
   * address's budget and lock its real users out; it still costs the same
   * time as a wrong password, and once either limit is reached every name
   * gets the same 429, so no answer tells which accounts exist.
   */
  async login(
    input: z.infer<typeof LoginSchema>,
    clientAddress: string,
  ): Promise<IssuedSession> {
    const username = input.username.toLowerCase();
    const byAddress: [Deno.KvKeyPart[], Limit] = [
      ["login_failures_address", clientAddress],
      this.#perAddress,
    ];
    const byName: [Deno.KvKeyPart[], Limit] = [
      ["login_failures_user", username],
      LOGIN_LIMITS.perUsername,
    ];
    for (const [key, limit] of [byAddress, byName]) {
      const decision = await check(this.#kv, key, limit);
      if (!decision.ok) {
        throw new ApiError(
          429,
          "rate_limited",
          "Too many sign-in attempts. Wait a few minutes and try again.",
          undefined,
          { "Retry-After": String(decision.retryAfterSeconds) },
        );
      }
    }
    const user = await findByUsername(this.#kv, username);
    const valid = user === null
      ? await verifyDummy(input.password)
      : await verifyPassword(input.password, user.passwordHash);
    if (user === null || !valid) {
      await record(this.#kv, user === null ? [byName] : [byName, byAddress]);
      throw new ApiError(
        401,
        "invalid_credentials",
        "Wrong username or password",
      );
    }
    if (!user.active) {
      throw new ApiError(
        403,
        "account_inactive",
        "This account has been deactivated",
      );
    }
    return await this.#issue(user);
  }

  /** Rotates a refresh token into a new session; 401 if it is not valid. */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const rotation = await rotateRefreshToken(this.#kv, refreshToken);
    if (!rotation.ok) {
      throw new ApiError(
        401,
        "invalid_refresh",
        "Your session has ended; sign in again",
      );
    }
    const user = await users.get(this.#kv, rotation.userId);
    if (user === null || !user.active) {
      await revokeRefreshToken(this.#kv, rotation.token);
      throw new ApiError(
        401,
        "invalid_refresh",
        "Your session has ended; sign in again",
      );
    }
    const access = await this.#signer.sign({
      id: user.id,
      sessionId: rotation.familyId,
    });
    return {
      user: toSessionAccount(user),
      claims: access.claims,
      token: access.token,
      expiresAt: access.expiresAt,
      refreshToken: rotation.token,
      refreshExpiresAt: rotation.expiresAt,
    };
  }

  /**
   * Ends a session: revokes the refresh family (the cookie's, and the one
   * the access token names) and the access token itself. Revoking a family
   * closes its sockets on every instance (see `revokeFamily`).
   */
  async logout(refreshToken: string | null, claims: AccessClaims | null) {
    if (refreshToken !== null) await revokeRefreshToken(this.#kv, refreshToken);
    if (claims?.sid !== undefined) await revokeFamily(this.#kv, claims.sid);
    if (claims !== null) {
      const ttl = claims.exp * 1000 - Date.now();
      if (ttl > 0) {
        await this.#kv.set(revokedKey(claims.jti), true, { expireIn: ttl });
      }
    }
  }

  /**
   * Resolves an access token to the stored account: one KV read of the
   * account, the token's revocation and its session, so a deactivation,
   * logout or revoked session counts on the very next request. The role
   * in a production is read where a request enters one
   * (server/production_scope.ts), with the keys of `along` read in the
   * same trip when the caller knows them ahead.
   */
  async authenticate(
    token: string,
    along?: ReadAlong,
  ): Promise<Authenticated | null> {
    const claims = await this.#signer.verify(token);
    if (claims === null) return null;
    const keys = [users.key(claims.sub), revokedKey(claims.jti)];
    if (claims.sid !== undefined) keys.push(familyKey(claims.sid));
    const own = keys.length;
    keys.push(...along?.keys(claims.sub) ?? []);
    const entries = await (along?.kv ?? this.#kv).getMany<unknown[]>(keys);
    const [account, revoked] = entries;
    if (revoked.value !== null || account.value === null) return null;
    if (own === 3 && !isLiveFamily(entries[2].value)) return null;
    const user = UserSchema.parse(account.value);
    if (!user.active) return null;
    return {
      account: toSessionAccount(user),
      claims,
      along: entries.slice(own),
    };
  }

  async #issue(user: User): Promise<IssuedSession> {
    const refresh = await issueRefreshToken(this.#kv, user.id);
    const access = await this.#signer.sign({
      id: user.id,
      sessionId: refresh.familyId,
    });
    return {
      user: toSessionAccount(user),
      claims: access.claims,
      token: access.token,
      expiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt,
    };
  }
}

/** Sets both session cookies: HttpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookies(
  headers: Headers,
  session: IssuedSession,
  secure: boolean,
): void {
  const base = { path: "/", httpOnly: true, sameSite: "Lax" as const, secure };
  setCookie(headers, SESSION_COOKIE, session.token, {
    ...base,
    maxAge: ACCESS_TOKEN_TTL_SECONDS,
  });
  setCookie(headers, REFRESH_COOKIE, session.refreshToken, {
    ...base,
    maxAge: Math.max(
      0,
      Math.floor((session.refreshExpiresAt - Date.now()) / 1000),
    ),
  });
}

/**
 * The JSON answer to a sign-in or refresh (`{user, token, expiresAt}`),
 * with both session cookies set.
 */
export function sessionResponse(
  session: IssuedSession,
  secure: boolean,
): Response {
  const res = Response.json({
    user: session.user,
    token: session.token,
    expiresAt: session.expiresAt,
  });
  setSessionCookies(res.headers, session, secure);
  return res;
}

/** Deletes both session cookies. */
export function clearSessionCookies(headers: Headers, secure: boolean): void {
  const base = { path: "/", httpOnly: true, sameSite: "Lax" as const, secure };
  deleteCookie(headers, SESSION_COOKIE, base);
  deleteCookie(headers, REFRESH_COOKIE, base);
}

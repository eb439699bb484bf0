/**
 * Short-lived access tokens: HS256 JWTs signed and verified with jose.
 *
 * Everything a token could use to choose how it is checked is pinned here
 * rather than read from the token: the algorithm (HS256 only, so `none`,
 * HS512 or RS256 headers are refused), the `typ` header, the issuer, the
 * audience and the maximum lifetime.
 *
 * @module
 */

import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { type Role } from "@/lib/roles.ts";
import { RoleSchema } from "@/lib/role_schema.ts";

/** Lifetime of an access token: 15 minutes, in seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** Claims of a verified access token (times are JWT NumericDates, in seconds). */
export interface AccessClaims {
  /** User id. */
  sub: string;
  /**
   * Unused by ProdSight (roles are per production and read from the store
   * on each request); accepted for tokens other signers mint.
   */
  role?: Role;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
  /** Unique token id, for revocation lists and logs. */
  jti: string;
  /**
   * The sign-in session (refresh token family) the token belongs to, so
   * ending the session can end its sockets too. Absent on tokens minted
   * outside a session (tests, tools).
   */
  sid?: string;
}

const ALGORITHM = "HS256";
const ISSUER = "prodsight";
const AUDIENCE = "prodsight-app";
const TYPE = "JWT";
// HS256 is only as strong as its key; RFC 7518 §3.2 asks for at least the
// hash size, 256 bits.
const MIN_SECRET_BYTES = 32;
// Every app instance both signs and verifies, but their clocks are only
// NTP-close; 5 s of slack keeps a token minted on one from looking "issued in
// the future" on another, at the cost of living up to 5 s past `exp`.
const CLOCK_TOLERANCE_SECONDS = 5;
// Our tokens are ~350 characters; refusing big inputs up front keeps a
// hostile header from costing a large base64 decode and JSON parse.
const MAX_TOKEN_LENGTH = 4096;
// Tokens whose signature and claims were checked lately (see verify): a
// browser sends one token for 15 minutes; ~2.5 MB at most.
const MAX_VERIFIED = 4096;

const AccessClaimsSchema: z.ZodType<AccessClaims> = z
  .object({
    sub: z.string().min(1),
    role: RoleSchema.optional(),
    iat: z.int().nonnegative(),
    exp: z.int().positive(),
    jti: z.string().min(1),
    sid: z.string().min(1).max(100).optional(),
  })
  // jose checks `exp` against the clock, but not that the token was minted
  // with our lifetime; a longer-lived token means a bug or a leaked key.
  .refine((c) => c.exp > c.iat && c.exp - c.iat <= ACCESS_TOKEN_TTL_SECONDS);

/**
 * Signs and verifies access tokens with one shared HS256 secret.
 *
 * @example
 * ```ts
 * const signer = new TokenSigner(secretBytes); // >= 32 random bytes
 * const { token } = await signer.sign({ id: "u1", role: "crew" });
 * const claims = await signer.verify(token); // AccessClaims | null
 * ```
 */
export class TokenSigner {
  #secret: Uint8Array<ArrayBuffer>;
  #key: Promise<CryptoKey> | undefined;
  /** Token → its claims, for tokens that passed every check (oldest first). */
  #verified = new Map<string, AccessClaims>();

  /**
   * Keeps a copy of the secret, so later changes to the caller's array do
   * not change the key.
   *
   * @throws {Error} when the secret is shorter than 32 bytes.
   */
  constructor(secret: Uint8Array) {
    if (!(secret instanceof Uint8Array) || secret.length < MIN_SECRET_BYTES) {
      throw new Error(
        `TokenSigner secret must be at least ${MIN_SECRET_BYTES} bytes ` +
          `(got ${
            secret instanceof Uint8Array ? secret.length : "no bytes"
          }); ` +
          "generate one with crypto.getRandomValues(new Uint8Array(32))",
      );
    }
    this.#secret = new Uint8Array(secret);
  }

  /**
   * Issues a 15-minute access token for a user, in their sign-in session
   * when `user.sessionId` is given (the `sid` claim).
   *
   * @param now Current time in milliseconds; only tests should pass it.
   * @example
   * ```ts
   * const { token, claims, expiresAt } = await signer.sign({
   *   id: "user-42",
   *   role: "director",
   * });
   * // claims.exp - claims.iat === 900; expiresAt === claims.exp * 1000
   * ```
   * @throws {TypeError} when the id is empty or the role is not a {@link Role}.
   */
  async sign(
    user: { id: string; role?: Role; sessionId?: string },
    now: number = Date.now(),
  ): Promise<{ token: string; claims: AccessClaims; expiresAt: number }> {
    if (typeof user.id !== "string" || user.id === "") {
      throw new TypeError("user.id must be a non-empty string");
    }
    // A bad role here is a caller bug; failing loudly beats minting a token
    // that verify() would reject anyway.
    if (user.role !== undefined && !RoleSchema.safeParse(user.role).success) {
      throw new TypeError(`Unknown role: ${String(user.role)}`);
    }
    const iat = Math.floor(now / 1000);
    const claims: AccessClaims = {
      sub: user.id,
      ...(user.role === undefined ? {} : { role: user.role }),
      iat,
      exp: iat + ACCESS_TOKEN_TTL_SECONDS,
      jti: crypto.randomUUID(),
      ...(user.sessionId === undefined ? {} : { sid: user.sessionId }),
    };
    const payload = {
      ...(claims.role === undefined ? {} : { role: claims.role }),
      ...(claims.sid === undefined ? {} : { sid: claims.sid }),
    };
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
      // jose's setIssuedAt() with no argument reads the real clock, so pass
      // our `now` to keep tests deterministic.
      .setIssuedAt(claims.iat)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(claims.sub)
      .setJti(claims.jti)
      .setExpirationTime(claims.exp)
      .sign(await this.#cryptoKey());
    return { token, claims, expiresAt: claims.exp * 1000 };
  }

  /**
   * Returns the claims of a valid access token, or null for anything else.
   *
   * Never throws: bad signatures, other keys, `alg` other than HS256
   * (including `none`), wrong issuer/audience/typ, expired or future-dated
   * tokens, missing or ill-typed claims, unknown roles and garbage strings
   * all give null.
   *
   * @param now Current time in milliseconds; only tests should pass it.
   * @example
   * ```ts
   * const claims = await signer.verify(bearerToken);
   * if (claims === null) return new Response(null, { status: 401 });
   * ```
   */
  async verify(
    token: string,
    now: number = Date.now(),
  ): Promise<AccessClaims | null> {
    if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) {
      return null;
    }
    // The same bytes verified before: the signature and every claim but
    // the clock's are as they were, so only the clock is checked again (as
    // jose checks it). Any other string, however close, is verified anew.
    const known = this.#verified.get(token);
    if (known !== undefined) {
      if (withinLifetime(known, now)) return { ...known };
      this.#verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, await this.#cryptoKey(), {
        // Pinned so the token's own header cannot pick the algorithm; jose
        // never accepts `none`, but it would accept HS384/HS512 with a raw
        // secret if this list were left out.
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: TYPE,
        currentDate: new Date(now),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        // Also rejects an `iat` in the future (beyond the tolerance).
        maxTokenAge: ACCESS_TOKEN_TTL_SECONDS,
        // jose only checks `exp` when present; an access token without one
        // must not live forever.
        requiredClaims: ["exp", "iat", "jti", "sub"],
      });
      const parsed = AccessClaimsSchema.safeParse(payload);
      if (!parsed.success) return null;
      // A not-before claim would make validity start later: never ours,
      // and never remembered.
      if (payload.nbf === undefined) this.#remember(token, parsed.data);
      return { ...parsed.data };
    } catch {
      // jose reports each failure as its own error class; callers only need
      // "not authenticated", and details would help an attacker more.
      return null;
    }
  }

  #remember(token: string, claims: AccessClaims) {
    if (this.#verified.size >= MAX_VERIFIED) {
      this.#verified.delete(this.#verified.keys().next().value!);
    }
    this.#verified.set(token, claims);
  }

  /** The secret as a non-extractable HMAC-SHA-256 key, imported on first use. */
  #cryptoKey(): Promise<CryptoKey> {
    // Binding the key to SHA-256 makes WebCrypto refuse it for any other
    // HMAC hash, a second lock behind the `algorithms` pin.
    this.#key ??= crypto.subtle.importKey(
      "raw",
      this.#secret,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    return this.#key;
  }
}

/**
 * jose's clock checks of a verified token at `now` (ms): not expired, not
 * issued in the future, not older than the access lifetime, each with the
 * clock tolerance.
 */
function withinLifetime(claims: AccessClaims, now: number): boolean {
  const seconds = Math.floor(now / 1000);
  const age = seconds - claims.iat;
  return claims.exp > seconds - CLOCK_TOLERANCE_SECONDS &&
    age - CLOCK_TOLERANCE_SECONDS <= ACCESS_TOKEN_TTL_SECONDS &&
    age >= -CLOCK_TOLERANCE_SECONDS;
}

import assert from "node:assert/strict";
import { type JWTPayload, SignJWT } from "jose";
import { ACCESS_TOKEN_TTL_SECONDS, TokenSigner } from "./jwt.ts";

const SECRET = crypto.getRandomValues(new Uint8Array(32));
const signer = new TokenSigner(SECRET);
const user = { id: "user-42", role: "crew" } as const;
const encoder = new TextEncoder();

function b64url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

function b64urlJson(value: unknown): string {
  return b64url(encoder.encode(JSON.stringify(value)));
}

function decodePayload(token: string): Record<string, unknown> {
  const bytes = Uint8Array.fromBase64(token.split(".")[1], {
    alphabet: "base64url",
  });
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Claims that verify() accepts, so each negative test changes one thing. */
function validPayload(overrides: JWTPayload = {}): JWTPayload {
  const iat = Math.floor(Date.now() / 1000);
  return {
    sub: "user-42",
    role: "crew",
    iss: "prodsight",
    aud: "prodsight-app",
    iat,
    exp: iat + ACCESS_TOKEN_TTL_SECONDS,
    jti: crypto.randomUUID(),
    ...overrides,
  };
}

/** Signs arbitrary claims with jose, bypassing TokenSigner's checks. */
function signByHand(
  payload: JWTPayload,
  { alg = "HS256", key = SECRET }: { alg?: string; key?: Uint8Array } = {},
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: "JWT" }).sign(
    key,
  );
}

/** An HMAC-SHA-256 signature over a hand-built header and payload. */
async function hmacSha256Token(header: unknown, payload: unknown) {
  const input = `${b64urlJson(header)}.${b64urlJson(payload)}`;
  const key = await crypto.subtle.importKey(
    "raw",
    SECRET,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(input));
  return `${input}.${b64url(new Uint8Array(mac))}`;
}

Deno.test("sign/verify round trip keeps sub, role, iss, aud, a unique jti and a 900 s lifetime", async () => {
  const a = await signer.sign(user);
  const b = await signer.sign(user);

  const claims = await signer.verify(a.token);
  assert.ok(claims);
  assert.deepEqual(claims, a.claims);
  assert.equal(claims.sub, "user-42");
  assert.equal(claims.role, "crew");
  assert.equal(claims.exp - claims.iat, 900);
  assert.equal(ACCESS_TOKEN_TTL_SECONDS, 900);
  assert.equal(a.expiresAt, claims.exp * 1000);

  const raw = decodePayload(a.token);
  assert.equal(raw.iss, "prodsight");
  assert.equal(raw.aud, "prodsight-app");
  assert.equal(raw.jti, claims.jti);

  assert.notEqual(a.claims.jti, b.claims.jti);
  assert.equal((await signer.verify(b.token))?.jti, b.claims.jti);
});

Deno.test("sign uses the given clock and the header is HS256/JWT", async () => {
  const now = Date.UTC(2030, 0, 1, 12, 0, 0);
  const { token, claims, expiresAt } = await signer.sign(user, now);
  assert.equal(claims.iat, now / 1000);
  assert.equal(expiresAt, now + 900_000);
  const header = JSON.parse(
    new TextDecoder().decode(
      Uint8Array.fromBase64(token.split(".")[0], { alphabet: "base64url" }),
    ),
  );
  assert.deepEqual(header, { alg: "HS256", typ: "JWT" });
  assert.ok(await signer.verify(token, now + 899_000));
});

Deno.test("a hand-signed token with valid claims is accepted (control for the tests below)", async () => {
  const token = await signByHand(validPayload());
  assert.ok(await signer.verify(token));
});

Deno.test("alg none token is rejected", async () => {
  const token = `${b64urlJson({ alg: "none", typ: "JWT" })}.${
    b64urlJson(validPayload())
  }.`;
  assert.equal(await signer.verify(token), null);
});

Deno.test("token signed with another 32-byte key is rejected", async () => {
  const other = new TokenSigner(crypto.getRandomValues(new Uint8Array(32)));
  const { token } = await other.sign(user);
  assert.equal(await signer.verify(token), null);
});

Deno.test("HS512 token signed with the same secret is rejected (alg pinned)", async () => {
  const token = await signByHand(validPayload(), { alg: "HS512" });
  assert.equal(await signer.verify(token), null);
});

Deno.test("RS256 header over an HMAC signature with the same secret is rejected", async () => {
  const token = await hmacSha256Token(
    { alg: "RS256", typ: "JWT" },
    validPayload(),
  );
  assert.equal(await signer.verify(token), null);
  // Same bytes with an HS256 header verify, so only the header was wrong.
  const control = await hmacSha256Token(
    { alg: "HS256", typ: "JWT" },
    validPayload(),
  );
  assert.ok(await signer.verify(control));
});

Deno.test("expired token (signed 20 minutes ago) is rejected", async () => {
  const { token } = await signer.sign(user, Date.now() - 20 * 60 * 1000);
  assert.equal(await signer.verify(token), null);
});

Deno.test("token is rejected once exp is past, beyond the clock tolerance", async () => {
  const now = Date.UTC(2030, 0, 1);
  const { token } = await signer.sign(user, now);
  assert.ok(await signer.verify(token, now + 900_000));
  assert.equal(await signer.verify(token, now + 910_000), null);
});

Deno.test("token issued in the future is rejected", async () => {
  const { token } = await signer.sign(user, Date.now() + 60_000);
  assert.equal(await signer.verify(token), null);
});

Deno.test("wrong issuer is rejected", async () => {
  const token = await signByHand(validPayload({ iss: "someone-else" }));
  assert.equal(await signer.verify(token), null);
});

Deno.test("wrong audience is rejected", async () => {
  const token = await signByHand(validPayload({ aud: "prodsight-admin" }));
  assert.equal(await signer.verify(token), null);
});

Deno.test("missing issuer or audience is rejected", async () => {
  const noIss = validPayload();
  delete noIss.iss;
  const noAud = validPayload();
  delete noAud.aud;
  assert.equal(await signer.verify(await signByHand(noIss)), null);
  assert.equal(await signer.verify(await signByHand(noAud)), null);
});

Deno.test("tampered payload is rejected", async () => {
  const { token } = await signer.sign(user);
  const [header, , signature] = token.split(".");
  const promoted = { ...decodePayload(token), role: "producer" };
  const tampered = `${header}.${b64urlJson(promoted)}.${signature}`;
  assert.equal(await signer.verify(tampered), null);
});

Deno.test("garbage strings are rejected without throwing", async () => {
  const random = b64url(crypto.getRandomValues(new Uint8Array(64)));
  const { token } = await signer.sign(user);
  const inputs = [
    "",
    "a.b.c",
    "...",
    random,
    `${random}.${random}.${random}`,
    token + ".extra",
    token.slice(0, -1),
    token.split(".").slice(0, 2).join("."),
    `${token.split(".")[0]}.${token.split(".")[1]}.`,
    "x".repeat(10_000),
  ];
  for (const input of inputs) {
    assert.equal(await signer.verify(input), null, input);
  }
  // Callers in plain JS could pass non-strings; still null, not a throw.
  assert.equal(await signer.verify(undefined as unknown as string), null);
});

Deno.test("unknown role in the payload is rejected", async () => {
  const token = await signByHand(validPayload({ role: "admin" }));
  assert.equal(await signer.verify(token), null);
});

Deno.test("missing or ill-typed claims are rejected", async () => {
  const iat = Math.floor(Date.now() / 1000);
  const variants: JWTPayload[] = [
    validPayload({ role: 7 as unknown as string }),
    validPayload({ sub: "" }),
    validPayload({ jti: undefined }),
    validPayload({ jti: 7 as unknown as string }),
    validPayload({ exp: undefined }),
    validPayload({ iat: undefined }),
    validPayload({ exp: iat + 0.5 }),
    // Valid signature and not yet expired, but minted with a 1-day lifetime.
    validPayload({ exp: iat + 86_400 }),
  ];
  for (const payload of variants) {
    const token = await signByHand(JSON.parse(JSON.stringify(payload)));
    assert.equal(await signer.verify(token), null, JSON.stringify(payload));
  }
});

Deno.test("a token without a role is valid: roles are per production, read from the store", async () => {
  const { token, claims } = await signer.sign({ id: "user-42" });
  assert.equal("role" in claims, false);
  assert.equal("role" in decodePayload(token), false);
  assert.deepEqual(await signer.verify(token), claims);
  const byHand = await signByHand(validPayload({ role: undefined }));
  const verified = await signer.verify(byHand);
  assert.ok(verified);
  assert.equal(verified.role, undefined);
});

Deno.test("constructor throws for a secret shorter than 32 bytes", () => {
  assert.throws(() => new TokenSigner(new Uint8Array(31)), /at least 32 bytes/);
  assert.throws(() => new TokenSigner(new Uint8Array(0)), /at least 32 bytes/);
  assert.doesNotThrow(() => new TokenSigner(new Uint8Array(32)));
});

Deno.test("sign throws for an unknown role", async () => {
  await assert.rejects(
    signer.sign({ id: "u", role: "admin" as unknown as "crew" }),
    TypeError,
  );
});

Deno.test("TokenSigner - carries the session id as sid when given", async () => {
  const inSession = await signer.sign({ ...user, sessionId: "family-1" });
  assert.equal(inSession.claims.sid, "family-1");
  assert.equal((await signer.verify(inSession.token))?.sid, "family-1");
  const bare = await signer.sign(user);
  const claims = await signer.verify(bare.token);
  assert.ok(claims !== null);
  assert.equal("sid" in claims, false);
});

Deno.test("a token verified again is not checked by signature again", async () => {
  const local = new TokenSigner(SECRET);
  const { token } = await local.sign(user);
  const subtle = crypto.subtle as SubtleCrypto & { verify: unknown };
  const original = subtle.verify;
  let checks = 0;
  subtle.verify = (...args: Parameters<SubtleCrypto["verify"]>) => {
    checks++;
    return original.apply(crypto.subtle, args);
  };
  try {
    assert.ok(await local.verify(token));
    assert.ok(await local.verify(token));
    assert.equal(checks, 1);
    // One character off is another token: checked in full, and refused.
    const tampered = token.slice(0, -2) + (token.endsWith("A") ? "BB" : "AA");
    assert.equal(await local.verify(tampered), null);
    assert.equal(checks, 2);
  } finally {
    delete (subtle as { verify?: unknown }).verify;
  }
});

Deno.test("a token verified before is still held to the clock", async () => {
  const local = new TokenSigner(SECRET);
  const now = Date.UTC(2030, 0, 1);
  const { token, claims } = await local.sign(user, now);
  assert.deepEqual(await local.verify(token, now), claims);
  // Before it was issued (beyond the tolerance), then expired.
  assert.equal(await local.verify(token, now - 10_000), null);
  assert.deepEqual(await local.verify(token, now + 600_000), claims);
  assert.equal(await local.verify(token, now + 910_000), null);
  // What a caller does to the claims it gets does not change the next.
  const first = await local.verify(token, now + 1_000);
  first!.role = "producer";
  assert.equal((await local.verify(token, now + 2_000))?.role, "crew");
});

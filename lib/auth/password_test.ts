import assert from "node:assert/strict";
import {
  DEFAULT_ITERATIONS,
  hashPassword,
  MAX_PASSWORD_BYTES,
  needsRehash,
  PasswordTooLongError,
  verifyDummy,
  verifyPassword,
} from "./password.ts";

// Low cost keeps the suite fast; only the default-iterations test pays 600k.
const FAST = { iterations: 1_000 };

Deno.test("hashPassword/verifyPassword round trip", async () => {
  const stored = await hashPassword("correct horse battery staple", FAST);
  assert.equal(
    await verifyPassword("correct horse battery staple", stored),
    true,
  );
});

Deno.test("verifyPassword returns false for a wrong password", async () => {
  const stored = await hashPassword("correct horse battery staple", FAST);
  assert.equal(
    await verifyPassword("correct horse battery stapler", stored),
    false,
  );
  assert.equal(await verifyPassword("", stored), false);
});

Deno.test("stored format has 4 parts with the iterations, a 16-byte salt and a 32-byte hash", async () => {
  const stored = await hashPassword("pw", FAST);
  const parts = stored.split("$");
  assert.equal(parts.length, 4);
  assert.equal(parts[0], "pbkdf2-sha256");
  assert.equal(parts[1], "1000");
  assert.match(parts[2], /^[A-Za-z0-9_-]+$/);
  assert.match(parts[3], /^[A-Za-z0-9_-]+$/);
  const decode = (s: string) =>
    Uint8Array.fromBase64(s, { alphabet: "base64url" });
  assert.equal(decode(parts[2]).length, 16);
  assert.equal(decode(parts[3]).length, 32);
});

Deno.test("hashPassword uses 600,000 iterations by default", async () => {
  assert.equal(DEFAULT_ITERATIONS, 600_000);
  const stored = await hashPassword("pw");
  assert.equal(stored.split("$")[1], "600000");
});

Deno.test("same password gets different salts and hashes", async () => {
  const a = await hashPassword("same", FAST);
  const b = await hashPassword("same", FAST);
  assert.notEqual(a, b);
  const [, , saltA, hashA] = a.split("$");
  const [, , saltB, hashB] = b.split("$");
  assert.notEqual(saltA, saltB);
  assert.notEqual(hashA, hashB);
  assert.equal(await verifyPassword("same", a), true);
  assert.equal(await verifyPassword("same", b), true);
});

Deno.test("a 256-byte password is accepted, a 257-byte one is rejected", async () => {
  assert.equal(MAX_PASSWORD_BYTES, 256);
  const max = "a".repeat(256);
  const stored = await hashPassword(max, FAST);
  assert.equal(await verifyPassword(max, stored), true);
  await assert.rejects(
    hashPassword("a".repeat(257), FAST),
    PasswordTooLongError,
  );
});

Deno.test("password length is counted in UTF-8 bytes, not characters", async () => {
  // "é" is 2 bytes: 128 of them fit exactly, 129 (258 bytes) do not.
  const fits = "é".repeat(128);
  const stored = await hashPassword(fits, FAST);
  assert.equal(await verifyPassword(fits, stored), true);
  await assert.rejects(
    hashPassword("é".repeat(129), FAST),
    PasswordTooLongError,
  );
});

Deno.test("verifyPassword returns false (no throw) for an over-long password", async () => {
  const stored = await hashPassword("a".repeat(256), FAST);
  assert.equal(await verifyPassword("a".repeat(257), stored), false);
  assert.equal(await verifyPassword("é".repeat(129), stored), false);
  assert.equal(await verifyPassword("a".repeat(100_000), stored), false);
});

Deno.test("verifyPassword returns false for malformed stored strings", async () => {
  const good = await hashPassword("pw", FAST);
  const [scheme, iterations, salt, hash] = good.split("$");
  const malformed = [
    "",
    "garbage",
    "$$$",
    `${scheme}$${iterations}$${salt}`,
    `${good}$extra`,
    `bcrypt$${iterations}$${salt}$${hash}`,
    `${scheme}$0$${salt}$${hash}`,
    `${scheme}$-1000$${salt}$${hash}`,
    `${scheme}$01000$${salt}$${hash}`,
    `${scheme}$1e3$${salt}$${hash}`,
    `${scheme}$abc$${salt}$${hash}`,
    `${scheme}$99999999$${salt}$${hash}`,
    `${scheme}$${iterations}$$${hash}`,
    `${scheme}$${iterations}$${salt}$`,
    `${scheme}$${iterations}$${salt}$${hash.slice(0, 10)}`,
    `${scheme}$${iterations}$AAAA$${hash}`,
    `${scheme}$${iterations}$${salt}$${hash}==`,
    `${scheme}$${iterations}$${salt}$${hash.replace(/[-_]/g, "+")}x`,
    `${scheme}$${iterations}$${salt} $${hash}`,
  ];
  for (const stored of malformed) {
    assert.equal(await verifyPassword("pw", stored), false, stored);
  }
});

Deno.test("needsRehash is true only when stored iterations are below the wanted count", async () => {
  const stored = await hashPassword("pw", FAST);
  assert.equal(needsRehash(stored), true);
  assert.equal(needsRehash(stored, 1_000), false);
  assert.equal(needsRehash(stored, 999), false);
  assert.equal(needsRehash(stored, 1_001), true);
  assert.equal(needsRehash("pbkdf2-sha256$600000$x$y"), true, "malformed");
  const current = stored.replace("$1000$", "$600000$");
  assert.equal(needsRehash(current), false);
  assert.equal(needsRehash(current, 700_000), true);
});

Deno.test("verifyDummy returns false", async () => {
  assert.equal(await verifyDummy("anything"), false);
  assert.equal(await verifyDummy(""), false);
  assert.equal(await verifyDummy("a".repeat(300)), false);
});

Deno.test("hashPassword rejects nonsense iteration counts", async () => {
  for (const iterations of [0, -1, 1.5, Number.NaN, 100_000_000]) {
    await assert.rejects(hashPassword("pw", { iterations }), RangeError);
  }
});

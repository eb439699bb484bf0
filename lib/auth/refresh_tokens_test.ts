import assert from "node:assert/strict";
import {
  issueRefreshToken,
  REFRESH_LIFETIME_MS,
  revokeRefreshToken,
  rotateRefreshToken,
  ROTATION_GRACE_MS,
} from "./refresh_tokens.ts";
import { withKv } from "@/lib/store/testing.ts";

Deno.test("refresh tokens - only a hash is stored", () =>
  withKv(async (kv) => {
    const { token } = await issueRefreshToken(kv, "u1");
    for await (const entry of kv.list({ prefix: [] })) {
      assert.doesNotMatch(JSON.stringify(entry), new RegExp(token));
    }
  }));

Deno.test("refresh tokens - rotation gives a new token; the family keeps its deadline", () =>
  withKv(async (kv) => {
    const now = Date.now();
    const first = await issueRefreshToken(kv, "u1", now);
    const rotated = await rotateRefreshToken(kv, first.token, now + 60_000);
    assert.ok(rotated.ok);
    if (!rotated.ok) return;
    assert.equal(rotated.userId, "u1");
    assert.notEqual(rotated.token, first.token);
    assert.equal(rotated.expiresAt, now + REFRESH_LIFETIME_MS);
  }));

Deno.test("refresh tokens - reuse of a rotated token after the grace revokes the whole family", () =>
  withKv(async (kv) => {
    const now = Date.now();
    const first = await issueRefreshToken(kv, "u1", now);
    const second = await rotateRefreshToken(kv, first.token, now);
    assert.ok(second.ok);
    if (!second.ok) return;
    const later = now + ROTATION_GRACE_MS + 1;
    assert.deepEqual(await rotateRefreshToken(kv, first.token, later), {
      ok: false,
      reason: "reused",
    });
    assert.deepEqual(await rotateRefreshToken(kv, second.token, later), {
      ok: false,
      reason: "revoked",
    });
  }));

Deno.test("refresh tokens - within the grace, the just-rotated token yields the same successor", () =>
  withKv(async (kv) => {
    assert.equal(ROTATION_GRACE_MS, 30_000);
    const now = Date.now();
    const first = await issueRefreshToken(kv, "u1", now);
    const a = await rotateRefreshToken(kv, first.token, now);
    const b = await rotateRefreshToken(
      kv,
      first.token,
      now + ROTATION_GRACE_MS,
    );
    assert.ok(a.ok && b.ok);
    if (!a.ok || !b.ok) return;
    assert.equal(b.token, a.token);
    assert.equal(b.familyId, a.familyId);
    // The family lives on: the successor rotates as usual.
    const c = await rotateRefreshToken(kv, a.token, now + 1_000);
    assert.ok(c.ok);
    // Only hashes and the sealed successor are stored, never a token.
    for await (const entry of kv.list({ prefix: [] })) {
      const text = JSON.stringify(entry);
      for (const token of [first.token, a.token]) {
        assert.doesNotMatch(text, new RegExp(token));
      }
    }
  }));

Deno.test("refresh tokens - absolute lifetime of 12 h", () =>
  withKv(async (kv) => {
    const now = Date.now();
    const { token } = await issueRefreshToken(kv, "u1", now);
    assert.deepEqual(
      await rotateRefreshToken(kv, token, now + REFRESH_LIFETIME_MS),
      {
        ok: false,
        reason: "expired",
      },
    );
  }));

Deno.test("refresh tokens - unknown, empty and revoked tokens are refused", () =>
  withKv(async (kv) => {
    assert.deepEqual(await rotateRefreshToken(kv, "nope"), {
      ok: false,
      reason: "unknown",
    });
    assert.deepEqual(await rotateRefreshToken(kv, ""), {
      ok: false,
      reason: "unknown",
    });
    const { token } = await issueRefreshToken(kv, "u1");
    await revokeRefreshToken(kv, token);
    assert.deepEqual(await rotateRefreshToken(kv, token), {
      ok: false,
      reason: "revoked",
    });
  }));

Deno.test("refresh tokens - two concurrent rotations of one token get one successor; the family lives", () =>
  withKv(async (kv) => {
    const { token } = await issueRefreshToken(kv, "u1");
    const results = await Promise.all([
      rotateRefreshToken(kv, token),
      rotateRefreshToken(kv, token),
    ]);
    assert.ok(results[0].ok && results[1].ok, JSON.stringify(results));
    if (!results[0].ok || !results[1].ok) return;
    assert.equal(results[0].token, results[1].token);
    assert.ok((await rotateRefreshToken(kv, results[0].token)).ok);
  }));

import assert from "node:assert/strict";
import {
  issueRefreshToken,
  REFRESH_LIFETIME_MS,
  revokeRefreshToken,
  rotateRefreshToken,
} from "./refresh_tokens.ts";
import { withKv } from "../store/testing.ts";

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

Deno.test("refresh tokens - reuse of a rotated token revokes the whole family", () =>
  withKv(async (kv) => {
    const first = await issueRefreshToken(kv, "u1");
    const second = await rotateRefreshToken(kv, first.token);
    assert.ok(second.ok);
    if (!second.ok) return;
    assert.deepEqual(await rotateRefreshToken(kv, first.token), {
      ok: false,
      reason: "reused",
    });
    assert.deepEqual(await rotateRefreshToken(kv, second.token), {
      ok: false,
      reason: "revoked",
    });
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

Deno.test("refresh tokens - two concurrent rotations of one token: one wins, family revoked", () =>
  withKv(async (kv) => {
    const { token } = await issueRefreshToken(kv, "u1");
    const results = await Promise.all([
      rotateRefreshToken(kv, token),
      rotateRefreshToken(kv, token),
    ]);
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.deepEqual(results.find((r) => !r.ok), {
      ok: false,
      reason: "reused",
    });
  }));

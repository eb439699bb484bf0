import { z } from "zod";
import { transact } from "../store/transaction.ts";

/** A refresh token family lives at most this long from its login. */
export const REFRESH_LIFETIME_MS = 12 * 60 * 60 * 1000;

const TokenRecordSchema = z.object({
  familyId: z.string(),
  userId: z.string(),
  expiresAt: z.number(),
  usedAt: z.number().nullable(),
});

const FamilyRecordSchema = z.object({
  userId: z.string(),
  expiresAt: z.number(),
  revoked: z.boolean(),
});

/** The outcome of {@linkcode rotateRefreshToken}. */
export type Rotation =
  | { ok: true; userId: string; token: string; expiresAt: number }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "reused" };

const tokenKey = (hash: string): Deno.KvKey => ["refresh_tokens", hash];
const familyKey = (id: string): Deno.KvKey => ["refresh_families", id];

/** SHA-256 of a token, hex: only hashes are stored, never the token. */
async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(token),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-")
    .replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Starts a refresh token family at login. The family's absolute lifetime is
 * fixed now; rotation never extends it.
 */
export async function issueRefreshToken(
  kv: Deno.Kv,
  userId: string,
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const familyId = crypto.randomUUID();
  const expiresAt = now + REFRESH_LIFETIME_MS;
  await transact(kv, async (tx) => {
    tx.set(familyKey(familyId), { userId, expiresAt, revoked: false }, {
      expireIn: REFRESH_LIFETIME_MS,
    });
    tx.set(tokenKey(await hashToken(token)), {
      familyId,
      userId,
      expiresAt,
      usedAt: null,
    }, { expireIn: REFRESH_LIFETIME_MS });
  });
  return { token, expiresAt };
}

/**
 * Exchanges a refresh token for a new one in the same family. A token that
 * was already used means it leaked (or was replayed): the whole family is
 * revoked, so the thief and the user are both signed out.
 */
export async function rotateRefreshToken(
  kv: Deno.Kv,
  token: string,
  now = Date.now(),
): Promise<Rotation> {
  if (token.length === 0 || token.length > 100) {
    return { ok: false, reason: "unknown" };
  }
  const hash = await hashToken(token);
  const next = newToken();
  const nextHash = await hashToken(next);
  const { result } = await transact(kv, async (tx): Promise<Rotation> => {
    const entry = await tx.get(tokenKey(hash));
    if (entry.value === null) return { ok: false, reason: "unknown" };
    const record = TokenRecordSchema.parse(entry.value);
    const familyEntry = await tx.get(familyKey(record.familyId));
    const family = familyEntry.value === null
      ? null
      : FamilyRecordSchema.parse(familyEntry.value);
    if (family === null || family.revoked) {
      return { ok: false, reason: "revoked" };
    }
    if (family.expiresAt <= now) return { ok: false, reason: "expired" };
    const ttl = family.expiresAt - now;
    if (record.usedAt !== null) {
      tx.set(familyKey(record.familyId), { ...family, revoked: true }, {
        expireIn: ttl,
      });
      return { ok: false, reason: "reused" };
    }
    tx.set(tokenKey(hash), { ...record, usedAt: now }, { expireIn: ttl });
    tx.set(tokenKey(nextHash), {
      familyId: record.familyId,
      userId: record.userId,
      expiresAt: family.expiresAt,
      usedAt: null,
    }, { expireIn: ttl });
    return {
      ok: true,
      userId: record.userId,
      token: next,
      expiresAt: family.expiresAt,
    };
  });
  return result;
}

/** Revokes the family a refresh token belongs to (logout). */
export async function revokeRefreshToken(
  kv: Deno.Kv,
  token: string,
): Promise<void> {
  if (token.length === 0 || token.length > 100) return;
  const hash = await hashToken(token);
  await transact(kv, async (tx) => {
    const entry = await tx.get(tokenKey(hash));
    if (entry.value === null) return;
    const record = TokenRecordSchema.parse(entry.value);
    const familyEntry = await tx.get(familyKey(record.familyId));
    if (familyEntry.value === null) return;
    const family = FamilyRecordSchema.parse(familyEntry.value);
    tx.set(familyKey(record.familyId), { ...family, revoked: true }, {
      expireIn: Math.max(1, family.expiresAt - Date.now()),
    });
  });
}

import { z } from "zod";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { sessionEndedEvent } from "./session_events.ts";

/** A refresh token family lives at most this long from its login. */
export const REFRESH_LIFETIME_MS = 12 * 60 * 60 * 1000;

/**
 * How long a just-rotated refresh token still yields the successor it was
 * rotated to, instead of counting as stolen: two page loads (or tabs) that
 * both carried the old cookie must not sign the user out. Past this, reuse
 * revokes the family.
 */
export const ROTATION_GRACE_MS = 30_000;

const SealedSchema = z.object({ iv: z.string(), data: z.string() });

const TokenRecordSchema = z.object({
  familyId: z.string(),
  userId: z.string(),
  expiresAt: z.number(),
  usedAt: z.number().nullable(),
  /** The successor, encrypted with a key only the token itself gives. */
  successor: SealedSchema.optional(),
});

const FamilyRecordSchema = z.object({
  userId: z.string(),
  expiresAt: z.number(),
  revoked: z.boolean(),
});

/** The outcome of {@linkcode rotateRefreshToken}. */
export type Rotation =
  | {
    ok: true;
    userId: string;
    familyId: string;
    token: string;
    expiresAt: number;
  }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "reused" };

const tokenKey = (hash: string): Deno.KvKey => ["refresh_tokens", hash];

/** Where a session's refresh token family is kept; its id is the session id. */
export const familyKey = (id: string): Deno.KvKey => ["refresh_families", id];

/** Whether a stored family record (or null) is a live session at `now`. */
export function isLiveFamily(value: unknown, now = Date.now()): boolean {
  const family = FamilyRecordSchema.safeParse(value);
  return family.success && !family.data.revoked &&
    family.data.expiresAt > now;
}

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await crypto.subtle.digest("SHA-256", encoder.encode(text)),
  );
}

/** SHA-256 of a token, hex: only hashes are stored, never the token. */
async function hashToken(token: string): Promise<string> {
  return Array.from(await sha256(token), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return toBase64Url(bytes);
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-")
    .replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// The key that seals a token's successor comes from the token itself (a
// hash distinct from the stored lookup hash): only someone presenting the
// old token can open it, and the store holds no usable token at rest.
async function successorKey(token: string): Promise<CryptoKey> {
  return await crypto.subtle.importKey(
    "raw",
    await sha256(`prodsight-refresh-successor:${token}`),
    "AES-GCM",
    false,
    ["encrypt", "decrypt"],
  );
}

async function seal(
  token: string,
  successor: string,
): Promise<z.infer<typeof SealedSchema>> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await successorKey(token),
    encoder.encode(successor),
  );
  return { iv: toBase64Url(iv), data: toBase64Url(new Uint8Array(data)) };
}

async function unseal(
  token: string,
  sealed: z.infer<typeof SealedSchema>,
): Promise<string | null> {
  try {
    const data = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64Url(sealed.iv) },
      await successorKey(token),
      fromBase64Url(sealed.data),
    );
    return new TextDecoder().decode(data);
  } catch {
    return null;
  }
}

/**
 * Starts a refresh token family at login. The family's absolute lifetime is
 * fixed now; rotation never extends it. Its id is the session id that the
 * access tokens carry.
 */
export async function issueRefreshToken(
  kv: Deno.Kv,
  userId: string,
  now = Date.now(),
): Promise<{ token: string; familyId: string; expiresAt: number }> {
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
  return { token, familyId, expiresAt };
}

/**
 * Exchanges a refresh token for a new one in the same family. Presented
 * again within {@linkcode ROTATION_GRACE_MS} of its rotation, a token yields
 * the same successor (parallel page loads). Presented later, it leaked or
 * was replayed: the whole family is revoked, so the thief and the user are
 * both signed out, and the session's sockets are closed.
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
  const sealed = await seal(token, next);
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
      if (now - record.usedAt <= ROTATION_GRACE_MS && record.successor) {
        const successor = await unseal(token, record.successor);
        if (successor !== null) {
          return {
            ok: true,
            userId: record.userId,
            familyId: record.familyId,
            token: successor,
            expiresAt: family.expiresAt,
          };
        }
      }
      revoke(tx, record.familyId, family, now);
      return { ok: false, reason: "reused" };
    }
    tx.set(tokenKey(hash), { ...record, usedAt: now, successor: sealed }, {
      expireIn: ttl,
    });
    tx.set(tokenKey(nextHash), {
      familyId: record.familyId,
      userId: record.userId,
      expiresAt: family.expiresAt,
      usedAt: null,
    }, { expireIn: ttl });
    return {
      ok: true,
      userId: record.userId,
      familyId: record.familyId,
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
  const entry = await kv.get(tokenKey(hash));
  if (entry.value === null) return;
  await revokeFamily(kv, TokenRecordSchema.parse(entry.value).familyId);
}

/**
 * Ends a session: revokes its refresh family and, in the same commit, logs
 * the internal event that closes its sockets on every instance. A family
 * that is gone or already revoked is left alone.
 */
export async function revokeFamily(
  kv: Deno.Kv,
  familyId: string,
  now = Date.now(),
): Promise<void> {
  if (familyId.length === 0 || familyId.length > 100) return;
  await transact(kv, async (tx) => {
    const entry = await tx.get(familyKey(familyId));
    if (entry.value === null) return;
    const family = FamilyRecordSchema.parse(entry.value);
    if (!family.revoked) revoke(tx, familyId, family, now);
  });
}

/**
 * Ends every session of account `userId` (a deactivation, a password
 * reset): each live refresh family of theirs is revoked as
 * {@linkcode revokeFamily} does, so their refresh tokens and the access
 * tokens naming those sessions stop working at once. Families are keyed
 * by id alone, so this lists them all; they expire
 * {@linkcode REFRESH_LIFETIME_MS} after their sign-in, so the list holds
 * the last half day's sessions only. Returns how many ended.
 */
export async function revokeSessionsOf(
  kv: Deno.Kv,
  userId: string,
  now = Date.now(),
): Promise<number> {
  const live: string[] = [];
  const iter = kv.list<unknown>({ prefix: ["refresh_families"] }, {
    batchSize: 500,
  });
  for await (const { key, value } of iter) {
    const family = FamilyRecordSchema.safeParse(value);
    if (
      family.success && family.data.userId === userId && !family.data.revoked
    ) {
      live.push(String(key[1]));
    }
  }
  for (const familyId of live) await revokeFamily(kv, familyId, now);
  return live.length;
}

function revoke(
  tx: Transaction,
  familyId: string,
  family: z.infer<typeof FamilyRecordSchema>,
  now: number,
) {
  tx.set(familyKey(familyId), { ...family, revoked: true }, {
    expireIn: Math.max(1, family.expiresAt - now),
  });
  tx.emit(sessionEndedEvent(familyId, family.userId));
}

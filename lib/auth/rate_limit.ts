import { transact } from "../store/transaction.ts";

/** A limit: at most `max` hits per `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

/** The outcome of {@linkcode consume}. */
export type RateDecision = { ok: true } | {
  ok: false;
  retryAfterSeconds: number;
};

/**
 * Counts one hit against `key` in a fixed window kept in KV, so every
 * instance sharing the store shares the count.
 */
export async function consume(
  kv: Deno.Kv,
  key: Deno.KvKeyPart[],
  limit: Limit,
  now = Date.now(),
): Promise<RateDecision> {
  const window = Math.floor(now / limit.windowMs);
  const windowEnd = (window + 1) * limit.windowMs;
  const { result } = await transact(kv, async (tx) => {
    const counterKey = ["rate_limit", ...key, window];
    const entry = await tx.get<number>(counterKey);
    const count = entry.value ?? 0;
    if (count >= limit.max) return false;
    tx.set(counterKey, count + 1, { expireIn: windowEnd - now + 1000 });
    return true;
  });
  return result ? { ok: true } : {
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)),
  };
}

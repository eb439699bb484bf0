import { transact } from "@/lib/store/transaction.ts";

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
  return result
    ? { ok: true }
    : { ok: false, retryAfterSeconds: retryAfter(window, limit, now) };
}

/**
 * Whether `key` has room left in its current window, without counting a
 * hit: for limits that only count failures, checked before the attempt.
 */
export async function check(
  kv: Deno.Kv,
  key: Deno.KvKeyPart[],
  limit: Limit,
  now = Date.now(),
): Promise<RateDecision> {
  const window = Math.floor(now / limit.windowMs);
  const entry = await kv.get<number>(["rate_limit", ...key, window]);
  return (entry.value ?? 0) < limit.max ? { ok: true } : {
    ok: false,
    retryAfterSeconds: retryAfter(window, limit, now),
  };
}

/**
 * Counts one hit against each of `keys` (one commit), past the limit too:
 * the failures {@linkcode check} looks at.
 */
export async function record(
  kv: Deno.Kv,
  keys: [Deno.KvKeyPart[], Limit][],
  now = Date.now(),
): Promise<void> {
  await transact(kv, async (tx) => {
    for (const [key, limit] of keys) {
      const window = Math.floor(now / limit.windowMs);
      const counterKey = ["rate_limit", ...key, window];
      const entry = await tx.get<number>(counterKey);
      tx.set(counterKey, (entry.value ?? 0) + 1, {
        expireIn: (window + 1) * limit.windowMs - now + 1000,
      });
    }
  });
}

function retryAfter(window: number, limit: Limit, now: number): number {
  return Math.max(1, Math.ceil(((window + 1) * limit.windowMs - now) / 1000));
}

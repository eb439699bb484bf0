import { openKv } from "./kv.ts";

/**
 * Runs `fn` with a fresh in-memory KV store and closes it afterwards; for
 * tests.
 */
export async function withKv(
  fn: (kv: Deno.Kv) => Promise<void>,
): Promise<void> {
  const kv = await openKv(":memory:");
  try {
    await fn(kv);
  } finally {
    kv.close();
  }
}

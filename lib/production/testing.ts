/**
 * Test helpers: the demo production's settings stored under
 * {@linkcode PRODUCTION_ID}.
 *
 * @module
 */
import type { NewRecord } from "@/lib/store/repository.ts";
import { transact } from "@/lib/store/transaction.ts";
import type { Production } from "./schemas.ts";
import { demoProduction } from "@/lib/seed.ts";
import { PRODUCTION_ID, productions } from "./store.ts";

/** Stores the demo production's settings with `overrides` and returns it. */
export async function seedProduction(
  kv: Deno.Kv,
  overrides: Partial<NewRecord<Production>> = {},
): Promise<Production> {
  const { result } = await transact(
    kv,
    (tx) =>
      productions.insert(tx, demoProduction(overrides), {
        id: PRODUCTION_ID,
      }),
  );
  return result;
}

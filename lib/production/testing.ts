/**
 * Test helpers: a production's settings with every field filled, and one
 * stored under {@linkcode PRODUCTION_ID}.
 *
 * @module
 */
import type { NewRecord } from "@/lib/store/repository.ts";
import { transact } from "@/lib/store/transaction.ts";
import type { Production } from "./schemas.ts";
import { DEFAULT_DEPARTMENTS } from "./shared.ts";
import { DEFAULT_SHOT_CODE_PATTERN } from "./shot_code.ts";
import { PRODUCTION_ID, productions } from "./store.ts";

/** Settings like the demo's, with `overrides`. */
export function productionFields(
  overrides: Partial<NewRecord<Production>> = {},
): NewRecord<Production> {
  return {
    title: "Northern Lights",
    slug: "northern-lights",
    kind: "feature",
    company: "Aurora Pictures",
    currency: "EUR",
    startDate: "2027-02-01",
    wrapDate: "2027-04-30",
    timeZone: "Europe/Oslo",
    departments: [...DEFAULT_DEPARTMENTS],
    shotCodePattern: DEFAULT_SHOT_CODE_PATTERN,
    ...overrides,
  };
}

/** Stores the production (see {@linkcode productionFields}) and returns it. */
export async function seedProduction(
  kv: Deno.Kv,
  overrides: Partial<NewRecord<Production>> = {},
): Promise<Production> {
  const { result } = await transact(
    kv,
    (tx) =>
      productions.insert(tx, productionFields(overrides), {
        id: PRODUCTION_ID,
      }),
  );
  return result;
}

/**
 * Where a production's settings live: one record, id
 * {@linkcode PRODUCTION_ID}, under the production (`["production", id]` in
 * the production's view of the store, lib/store/production_kv.ts), and the
 * reads every module builds on (its time zone, its shot-code rule).
 *
 * @module
 */
import { Repository } from "@/lib/store/repository.ts";
import { type Production, ProductionSchema } from "./schemas.ts";
import { type ShotCodeRule, shotCodeRule } from "./shot_code.ts";

export { timeZoneOf } from "./shared.ts";

/** The production record (one, with id {@linkcode PRODUCTION_ID}). */
export const productions = new Repository<Production>({
  name: "production",
  schema: ProductionSchema,
});

/** The single production's id. */
export const PRODUCTION_ID = "current";

/** Reads the production, or null before seeding. */
export function getProduction(kv: Deno.Kv): Promise<Production | null> {
  return productions.get(kv, PRODUCTION_ID);
}

/** The rule shot codes follow in this production (the default before seeding). */
export async function productionShotCodeRule(
  kv: Deno.Kv,
): Promise<ShotCodeRule> {
  return shotCodeRule((await getProduction(kv))?.shotCodePattern);
}

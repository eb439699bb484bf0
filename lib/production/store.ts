/**
 * The studio's register of productions: each production's settings record
 * `["productions", id]` (a studio collection, so every production's view of
 * the store reads the same record) and the unique slug index
 * `["productions_by_slug", slug]` the `/p/<slug>` paths resolve through.
 * A production's view (lib/store/production_kv.ts) knows its own id, so
 * {@linkcode getProduction} needs no argument beyond the view.
 *
 * @module
 */
import { productionOf } from "@/lib/store/production_kv.ts";
import { Repository } from "@/lib/store/repository.ts";
import { type Production, ProductionSchema } from "./schemas.ts";
import { type ShotCodeRule, shotCodeRule } from "./shot_code.ts";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "./shared.ts";

export { timeZoneOf } from "./shared.ts";

/** Every production of the studio, by id; unique by slug. */
export const productions = new Repository<Production>({
  name: "productions",
  schema: ProductionSchema,
  indexes: [{ name: "slug", key: (p) => [p.slug], unique: true }],
});

/**
 * The id of the production a store written before productions existed
 * became (migrations/v1_productions.ts), and the one a view-less store
 * (a unit test's bare KV) stands for.
 */
export const PRODUCTION_ID = "current";

/** The production `kv` is a view of ({@linkcode PRODUCTION_ID} for a bare store). */
export function productionIdOf(kv: Deno.Kv): string {
  return productionOf(kv) ?? PRODUCTION_ID;
}

/** The settings of the production `kv` is a view of, or null before seeding. */
export function getProduction(kv: Deno.Kv): Promise<Production | null> {
  return productions.get(kv, productionIdOf(kv));
}

/** The production a slug names, or null. */
export async function findProductionBySlug(
  kv: Deno.Kv,
  slug: string,
): Promise<Production | null> {
  // No slug is longer or other than this: a made-up one (a socket's
  // `?production=`) must be "not found", not a key KV refuses (a 500).
  if (slug.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(slug)) return null;
  // The unique index holds the id: two reads, no listing (every request
  // into a production comes through here).
  const id = await kv.get<string>(["productions_by_slug", slug]);
  return id.value === null ? null : await productions.get(kv, id.value);
}

/** The rule shot codes follow in this production (the default before seeding). */
export async function productionShotCodeRule(
  kv: Deno.Kv,
): Promise<ShotCodeRule> {
  return shotCodeRule((await getProduction(kv))?.shotCodePattern);
}

import { z } from "zod";
import { isTimeZone } from "./format.ts";
import { Repository } from "./store/repository.ts";

/** The production this deployment manages. */
export const ProductionSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  title: z.string().min(1).max(200),
  company: z.string().max(200),
  format: z.string().max(100),
  /** ISO 4217 code; budget amounts are integer minor units of it. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  startDate: z.iso.date(),
  wrapDate: z.iso.date(),
  /**
   * IANA zone every date and time of the production is shown in. Stores
   * written before it existed read as UTC.
   */
  timeZone: z.string().refine(isTimeZone, "Not a known time zone").default(
    "UTC",
  ),
});

/** The production this deployment manages. */
export type Production = z.infer<typeof ProductionSchema>;

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

/** The zone to show a production's dates in (UTC before seeding). */
export function timeZoneOf(production: Production | null | undefined): string {
  return production?.timeZone ?? "UTC";
}

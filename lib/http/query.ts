/**
 * Page filters from a URL, leniently: a bookmark outlives the values it
 * names (a status renamed, a person removed, a typo in a shared link), and
 * a page must still open. Each parameter is checked on its own against the
 * schema's field; what fails, is empty, or is unknown is dropped, never a
 * 400. APIs stay strict (`parseWith`): a client sending a bad filter should
 * hear so.
 *
 * @example
 * ```ts
 * const filters = lenientQuery(TaskQuerySchema, ctx.url.searchParams);
 * // "?status=bogus&priority=high" → { priority: "high" }
 * ```
 *
 * @module
 */
import type { z } from "zod";

/** The fields of `schema` that `params` sets to a value the field accepts. */
export function lenientQuery<S extends z.ZodObject>(
  schema: S,
  params: URLSearchParams,
): Partial<z.infer<S>> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const filters: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const raw = params.get(key)?.trim();
    if (!raw) continue;
    const parsed = field.safeParse(raw);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as Partial<z.infer<S>>;
}

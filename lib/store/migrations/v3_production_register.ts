/**
 * Store version 3: the production's settings join the studio's register.
 * Up to version 2 a production's settings lived inside it, as the one
 * record `["production", productionId, "current"]`; the register keeps
 * every production's settings at `["productions", productionId]` with the
 * unique slug index `["productions_by_slug", slug]` (lib/production/
 * store.ts), so a `/p/<slug>` path finds its production without entering
 * it. The step moves each such record (with its slug index, and a slug
 * made from its name when it had none) and drops the old key.
 *
 * Re-runnable: a record already in the register is left as it is, and the
 * old key is deleted in the same commit as the move.
 *
 * @module
 */
import { slugify } from "@/lib/production/shared.ts";
import type { MigrationStep } from "../migrations.ts";

/** The step that moves production settings into the studio's register. */
export function productionRegister(): MigrationStep {
  return {
    version: 3,
    name: "production_register",
    async run(kv, lease) {
      const found: { key: Deno.KvKey; productionId: string; value: unknown }[] =
        [];
      for await (const entry of kv.list({ prefix: ["production"] })) {
        const productionId = entry.key[1];
        if (typeof productionId !== "string") continue;
        found.push({ key: entry.key, productionId, value: entry.value });
      }
      for (const { key, productionId, value } of found) {
        const record = value as Record<string, unknown>;
        const target = ["productions", productionId];
        const op = kv.atomic().delete(key);
        if ((await kv.get(target)).value === null) {
          const title = typeof record.title === "string" ? record.title : "";
          const slug = typeof record.slug === "string"
            ? record.slug
            : slugify(title) || productionId;
          const slugKey = ["productions_by_slug", slug];
          op.check({ key: target, versionstamp: null })
            .check({ key: slugKey, versionstamp: null })
            .set(target, { ...record, id: productionId, slug })
            .set(slugKey, productionId);
        }
        const result = await lease.commit(op);
        if (!result.ok) {
          throw new Error(
            `Production ${productionId}: its slug is taken; rename one`,
          );
        }
      }
    },
  };
}

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
 * A store that holds a production's members but never had its settings
 * (a production-mode deployment was never seeded, so nobody wrote them)
 * gets a settings record with neutral defaults — "Our production", slug
 * `production`, UTC, today's date — which its producer corrects on the
 * settings page: without one, no address could reach its data.
 *
 * Its change history moves with it, to the register's collection name.
 *
 * Re-runnable: a record already in the register is left as it is, and the
 * old key is deleted in the same commit as the move.
 *
 * @module
 */
import { DEFAULT_DEPARTMENTS, slugify } from "@/lib/production/shared.ts";
import { DEFAULT_SHOT_CODE_PATTERN } from "@/lib/production/shot_code.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import type { MigrationLease, MigrationStep } from "@/lib/store/migrations.ts";

/** History entries moved per commit: a set and a delete each. */
const HISTORY_PER_COMMIT = 400;

/**
 * Moves the settings' change history from the old collection name
 * (`["history", productionId, "production", …]`) to the register's
 * (`"productions"`), so the settings page keeps showing who changed what.
 */
async function moveSettingsHistory(
  kv: Deno.Kv,
  lease: MigrationLease,
  productionId: string,
) {
  for (;;) {
    const batch = await Array.fromAsync(
      kv.list({ prefix: ["history", productionId, "production"] }, {
        limit: HISTORY_PER_COMMIT,
      }),
    );
    if (batch.length === 0) return;
    const op = kv.atomic();
    for (const { key, value } of batch) {
      op.set(["history", productionId, "productions", ...key.slice(3)], value)
        .delete(key);
    }
    await lease.commit(op);
  }
}

/**
 * Registers the production the store's data became (v1) when it has
 * members but no settings, with defaults its producer then corrects.
 */
async function registerUnnamed(kv: Deno.Kv, lease: MigrationLease) {
  const target = ["productions", PRODUCTION_ID];
  if ((await kv.get(target)).value !== null) return;
  const [member] = await Array.fromAsync(
    kv.list({ prefix: ["members", PRODUCTION_ID] }, { limit: 1 }),
  );
  if (member === undefined) return;
  let slug = "production";
  for (let n = 2; (await kv.get(["productions_by_slug", slug])).value; n++) {
    slug = `production-${n}`;
  }
  const now = new Date().toISOString();
  const today = now.slice(0, 10);
  const slugKey = ["productions_by_slug", slug];
  const result = await lease.commit(
    kv.atomic()
      .check({ key: target, versionstamp: null })
      .check({ key: slugKey, versionstamp: null })
      .set(target, {
        id: PRODUCTION_ID,
        version: 1,
        createdAt: now,
        updatedAt: now,
        title: "Our production",
        slug,
        kind: "other",
        company: "",
        currency: "EUR",
        startDate: today,
        wrapDate: today,
        timeZone: "UTC",
        departments: [...DEFAULT_DEPARTMENTS],
        shotCodePattern: DEFAULT_SHOT_CODE_PATTERN,
        archived: false,
      })
      .set(slugKey, PRODUCTION_ID),
  );
  // Another run registered it meanwhile: that one stands.
  if (!result.ok) return;
}

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
        await moveSettingsHistory(kv, lease, productionId);
      }
      await registerUnnamed(kv, lease);
    },
  };
}

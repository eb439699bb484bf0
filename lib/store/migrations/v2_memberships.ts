/**
 * Store version 2: roles move from accounts to memberships (DESIGN §3). A
 * store written before it keeps each account's role on the account
 * (`["users", id]`); this step gives every such account a membership of
 * the production the store's data belongs to, with that role:
 * `["members", productionId, id]` and the studio index
 * `["memberships_by_account", id, productionId]`, as `lib/team/members.ts`
 * writes them. The account keeps its old `role` field until its next
 * write (parsing drops it), so the step only adds keys.
 *
 * Re-runnable: an account that already has a membership is skipped, and
 * each membership is created with a check that it is still absent.
 *
 * @module
 */
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { ROLES } from "@/lib/roles.ts";
import type { MigrationStep } from "@/lib/store/migrations.ts";

/** Memberships created per commit: one check each, and the lease's. */
const PER_COMMIT = 8;

/** The step that turns account roles into memberships of one production. */
export function membershipsFromRoles(
  productionId: string = PRODUCTION_ID,
): MigrationStep {
  return {
    version: 2,
    name: "memberships_from_roles",
    async run(kv, lease) {
      const pending: { id: string; role: string; at: string }[] = [];
      for await (
        const entry of kv.list<Record<string, unknown>>({
          prefix: ["users"],
        })
      ) {
        const { id, role, createdAt } = entry.value ?? {};
        if (typeof id !== "string" || !isRole(role)) continue;
        const at = typeof createdAt === "string"
          ? createdAt
          : new Date().toISOString();
        pending.push({ id, role, at });
      }
      for (let i = 0; i < pending.length; i += PER_COMMIT) {
        const batch = pending.slice(i, i + PER_COMMIT);
        const op = kv.atomic();
        for (const { id, role, at } of batch) {
          const key = ["members", productionId, id];
          if ((await kv.get(key)).value !== null) continue;
          op.check({ key, versionstamp: null })
            .set(key, { id, version: 1, createdAt: at, updatedAt: at, role })
            .set(["memberships_by_account", id, productionId], role);
        }
        const result = await lease.commit(op);
        // Someone made one of them meanwhile: read again and go on.
        if (!result.ok) i -= PER_COMMIT;
      }
    },
  };
}

function isRole(value: unknown): value is string {
  return typeof value === "string" &&
    (ROLES as readonly string[]).includes(value);
}

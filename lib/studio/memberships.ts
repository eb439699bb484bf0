/**
 * Who is a member of what, over the whole studio: one list of the studio
 * index `["memberships_by_account", accountId, productionId]` (kept with
 * each membership, lib/team/members.ts) instead of entering every
 * production.
 *
 * @module
 */
import { RoleSchema } from "@/lib/role_schema.ts";
import type { Role } from "@/lib/roles.ts";

/** One membership as the studio index holds it. */
export interface MembershipEntry {
  accountId: string;
  productionId: string;
  role: Role;
}

/** Every membership of the studio, in account then production id order. */
export async function allMemberships(
  store: Deno.Kv,
): Promise<MembershipEntry[]> {
  const out: MembershipEntry[] = [];
  const iter = store.list<unknown>({ prefix: ["memberships_by_account"] }, {
    batchSize: 500,
  });
  for await (const { key, value } of iter) {
    const role = RoleSchema.safeParse(value);
    if (!role.success) continue;
    out.push({
      accountId: String(key[1]),
      productionId: String(key[2]),
      role: role.data,
    });
  }
  return out;
}

/** How many members each production has, by production id. */
export function memberCounts(
  entries: readonly MembershipEntry[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { productionId } of entries) {
    counts.set(productionId, (counts.get(productionId) ?? 0) + 1);
  }
  return counts;
}

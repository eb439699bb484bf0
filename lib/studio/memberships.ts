/**
 * Who is a member of what, over the whole studio, counted: the list itself
 * is the team module's (`allMemberships` in lib/team/members.ts, which
 * keeps the studio index with each membership).
 *
 * @module
 */
import type { MembershipEntry } from "@/lib/team/members.ts";

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

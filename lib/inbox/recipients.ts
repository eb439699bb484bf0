/**
 * Who an inbox item goes to when a rule names roles rather than people:
 * the production's active members holding those roles.
 *
 * @module
 */
import type { Role } from "@/lib/roles.ts";
import { listMembers } from "@/lib/team/members.ts";

/** The ids of the active members whose role is one of `roles`. */
export async function membersWithRoles(
  kv: Deno.Kv,
  roles: readonly Role[],
): Promise<string[]> {
  return (await listMembers(kv))
    .filter((m) => m.active && roles.includes(m.role))
    .map((m) => m.id);
}

/**
 * Telling each production of an account that it changed: an account is
 * the studio's, but the sockets and activity feeds that must hear of a
 * deactivation or a new name are each production's (DESIGN §5: account
 * changes reach the account's sockets in every production). One
 * `user_update` per production the account is a member of, as the team
 * service logs one when a manager deactivates or renames a member there:
 * the hubs close a deactivated account's sockets with 4401 and rename a
 * renamed one in presence; the feeds say who did it.
 *
 * @module
 */
import { emit } from "@/lib/service.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import { memberships, membershipsOf } from "@/lib/team/members.ts";
import type { User } from "@/lib/team/users.ts";
import type { StudioContext } from "./context.ts";

/** The account fields the productions' members see change. */
const SEEN = ["name", "active"] as const;

/**
 * Logs a `user_update` in every production of the account when its name
 * or active flag changed from `before` to `after`; one commit per
 * production (each has its own log), after the account's own commit.
 * The account record is what counts on every request, so a process that
 * stops half-way leaves only some sockets open until their token expires.
 */
export async function announceAccountChange(
  cx: StudioContext,
  before: User,
  after: User,
): Promise<void> {
  const changed = SEEN.filter((field) => before[field] !== after[field]);
  if (changed.length === 0) return;
  for (const { production } of await membershipsOf(cx.kv, after.id)) {
    await transact(productionKv(cx.kv, production.id), async (tx) => {
      // The role there now, read in the commit (the index may lag a change).
      const membership = await memberships.get(tx, after.id);
      if (membership === null) return;
      emit(tx, cx, "user_update", { subjectUserId: after.id }, {
        action: "updated",
        user: {
          id: after.id,
          name: after.name,
          role: membership.role,
          active: after.active,
        },
        changed: [...changed],
      });
    });
  }
}

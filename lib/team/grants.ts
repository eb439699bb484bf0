/**
 * Who may give out which role (DESIGN §3: "Nobody may grant, change or
 * remove a role with rights they do not hold"), derived from the policy
 * table so it cannot drift from what the roles may actually do.
 *
 * @module
 */
import { ACTIONS, type Actor, can, MODULES, POLICY } from "@/lib/policy.ts";
import { type Role, ROLES } from "@/lib/roles.ts";

/**
 * Work that a supervising right oversees: whoever reviews and approves the
 * VFX artists' shots and versions holds authority over that work, so a
 * producer may staff artists even though producers do not submit versions
 * themselves. Seeing and deciding are rights; doing the supervised work is
 * not a right the supervisor lacks.
 */
const SUPERVISES: Readonly<Record<string, readonly string[]>> = {
  "vfx.review": ["vfx.write_shots", "vfx.submit_version"],
};

/**
 * The rights a role holds: every `module.action` whose rule names the role,
 * plus the work its supervising rights oversee ({@linkcode SUPERVISES}).
 * Rights through ownership (a crew member's own tasks) belong to every
 * role alike, so they never tell roles apart and are not counted.
 *
 * @example
 * ```ts
 * rightsOf("crew").has("budget.read"); // false
 * ```
 */
export function rightsOf(role: Role): Set<string> {
  const rights = new Set<string>();
  for (const module of MODULES) {
    const row = POLICY[module] as unknown as Record<
      string,
      { roles: readonly Role[] }
    >;
    for (const action of ACTIONS[module]) {
      if (row[action].roles.includes(role)) rights.add(`${module}.${action}`);
    }
  }
  for (const right of [...rights]) {
    for (const overseen of SUPERVISES[right] ?? []) rights.add(overseen);
  }
  return rights;
}

/**
 * Whether every right of `role` is also a right of `granter`: then the
 * granter may give that role out, and may change or deactivate a member
 * who has it.
 *
 * @example
 * ```ts
 * withinRights("production_manager", "crew"); // true
 * withinRights("production_manager", "producer"); // false: VFX review
 * ```
 */
export function withinRights(granter: Role, role: Role): boolean {
  const held = rightsOf(granter);
  for (const right of rightsOf(role)) {
    if (!held.has(right)) return false;
  }
  return true;
}

/** The roles `actor` may give out, in role order; none without team write. */
export function grantableRoles(actor: Actor): Role[] {
  if (!can(actor, "team", "write")) return [];
  return ROLES.filter((role) => withinRights(actor.role, role));
}

/** Whether `actor` may change or deactivate a member who has `role`. */
export function canManageMember(actor: Actor, role: Role): boolean {
  return can(actor, "team", "write") && withinRights(actor.role, role);
}

/**
 * Whether an actor may change what belongs to a person's account (their
 * name, whether it is active) from production `here`: the account is the
 * studio's, so such a change reaches every production the person works
 * on, and the actor must be able to change them in each of those, not only
 * in `here`. Both maps are production id → role (the actor's memberships
 * and the person's); `here` itself is checked by the caller.
 *
 * @example
 * ```ts
 * const mine = new Map([["series", "production_manager" as const]]);
 * const theirs = new Map([["series", "crew" as const], ["film", "vfx" as const]]);
 * managesAccount(mine, theirs, "series"); // false: not theirs to change on the film
 * ```
 */
export function managesAccount(
  actorRoles: ReadonlyMap<string, Role>,
  theirRoles: ReadonlyMap<string, Role>,
  here: string,
): boolean {
  for (const [production, role] of theirRoles) {
    if (production === here) continue;
    const mine = actorRoles.get(production);
    if (mine === undefined || !canManageMember({ id: "", role: mine }, role)) {
      return false;
    }
  }
  return true;
}

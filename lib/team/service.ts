/**
 * The team: adding members and changing their name, role or active flag,
 * as functions of the {@linkcode ServiceContext}. Authorization comes from
 * the policy table (`team` write) and the grant rule of `grants.ts`: nobody
 * grants, changes or removes a role with rights they do not hold.
 *
 * @module
 */
import { hashPassword } from "@/lib/auth/password.ts";
import { revokeSessionsOf } from "@/lib/auth/refresh_tokens.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import { type Actor, can } from "@/lib/policy.ts";
import { type Role, ROLE_LABELS } from "@/lib/roles.ts";
import { assertCan, emit, type ServiceContext } from "@/lib/service.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import {
  productionKv,
  STUDIO_LOG_ID,
  studioKv,
} from "@/lib/store/production_kv.ts";
import { diffFields } from "@/lib/store/history.ts";
import { productionIdOf } from "@/lib/production/store.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { managesAccount, withinRights } from "./grants.ts";
import type { ExistingMember, NewUser, UserPatch } from "./schemas.ts";
import {
  addMember,
  dropMember,
  getMember,
  listMembers,
  type Member,
  memberOf,
  memberships,
  rolesByProduction,
  setMemberRole,
  toManagedUser,
  toPublicUser,
} from "./members.ts";
import type { ManagedUser, PublicUser, RosterEntry } from "./shared.ts";
import { findByUsername, type User, users } from "./users.ts";

/** The fields a member's history reports (never the password hash). */
const MEMBER_FIELDS = ["username", "name", "role", "active"];

/** ForbiddenError unless `actor` holds every right of `role` (DESIGN §3). */
function assertWithinRights(actor: Actor, role: Role, doing: string) {
  if (!withinRights(actor.role, role)) {
    throw new ForbiddenError(
      `You cannot ${doing} ${
        ROLE_LABELS[role]
      }: that role has rights yours does not`,
    );
  }
}

/**
 * The members among `ids` whose account (name, active flag) the actor may
 * change from this production ({@linkcode mayChangeAccount}).
 */
export async function accountsManagedBy(
  cx: ServiceContext,
  ids: readonly string[],
): Promise<Set<string>> {
  const mine = await rolesByProduction(cx.kv, cx.actor.id);
  const out = new Set<string>();
  await Promise.all(ids.map(async (id) => {
    const [theirs, account] = id === cx.actor.id
      ? [new Map(), null]
      : await Promise.all([
        rolesByProduction(cx.kv, id),
        users.get(cx.kv, id),
      ]);
    if (mayChangeAccount(cx, id, account, mine, theirs)) out.add(id);
  }));
  return out;
}

/**
 * Whether the actor may change account `id` (name, active flag): a name
 * or a deactivation reaches every production the person works on, so a
 * manager here may change only those who work on no other production, or
 * only on ones where the manager's role could change them too
 * ({@linkcode managesAccount}), and no studio admin (whose rights no
 * production role holds: admins are changed on `/admin`). Themselves
 * always (their own name). DESIGN §3.
 */
function mayChangeAccount(
  cx: ServiceContext,
  id: string,
  account: User | null,
  mine: Map<string, Role>,
  theirs: Map<string, Role>,
): boolean {
  if (id === cx.actor.id) return true;
  if (account?.admin) return false;
  return managesAccount(mine, theirs, productionIdOf(cx.kv));
}

/**
 * ForbiddenError unless the actor may change `member`'s account
 * ({@linkcode mayChangeAccount}); the member as read in the change's
 * transaction, so only the memberships are read here.
 */
async function assertManagesAccount(cx: ServiceContext, member: User) {
  const [mine, theirs] = await Promise.all([
    rolesByProduction(cx.kv, cx.actor.id),
    rolesByProduction(cx.kv, member.id),
  ]);
  if (mayChangeAccount(cx, member.id, member, mine, theirs)) return;
  throw new ForbiddenError(
    "This person is a studio admin or also works on a production where " +
      "your role cannot change them, and their name and account are the " +
      "same everywhere: change their role here, remove them from this " +
      "production, or ask a studio admin",
  );
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name);

/**
 * The team as the actor may see it on the team page, by name: those who
 * manage it (the policy's `team.write`) see every member, deactivated ones
 * too; everyone else the active members.
 */
export async function teamMembers(cx: ServiceContext): Promise<ManagedUser[]> {
  assertCan(cx, "team", "read", undefined, "Your role may not do this");
  const all = (await listMembers(cx.kv)).map(toManagedUser);
  return (can(cx.actor, "team", "write") ? all : all.filter((u) => u.active))
    .sort(byName);
}

/**
 * `GET /api/users`: {@linkcode teamMembers}, with username, status and
 * version only for those who manage the team; names and roles for the rest.
 */
export async function listTeam(
  cx: ServiceContext,
): Promise<ManagedUser[] | PublicUser[]> {
  const members = await teamMembers(cx);
  return can(cx.actor, "team", "write") ? members : members.map(toPublicUser);
}

/**
 * Every member, past ones too, by name: what pages need to name the
 * people on records and to offer the active ones as choices.
 */
export async function teamRoster(cx: ServiceContext): Promise<RosterEntry[]> {
  assertCan(cx, "team", "read", undefined, "Your role may not do this");
  return (await listMembers(cx.kv))
    .map(({ id, name, role, active }) => ({ id, name, role, active }))
    .sort(byName);
}

/** Options for tests: a lower hashing cost. */
export interface TeamOptions {
  passwordIterations?: number;
}

function assertManager(cx: ServiceContext) {
  assertCan(
    cx,
    "team",
    "write",
    undefined,
    "Only producers and production managers manage the team",
  );
}

/**
 * Logs the `user_update` event of a change to member `user`: what everyone
 * may know of them, to management and the user concerned.
 */
function emitUserEvent(
  tx: Transaction,
  cx: ServiceContext,
  action: "created" | "updated" | "removed",
  user: Member,
  before?: Member,
) {
  // Which of name, role and active changed: the feed says what happened.
  const changed = before === undefined
    ? undefined
    : (["name", "role", "active"] as const).filter((f) =>
      before[f] !== user[f]
    );
  emit(tx, cx, "user_update", { subjectUserId: user.id }, {
    action,
    user: {
      id: user.id,
      name: user.name,
      role: user.role,
      active: user.active,
    },
    ...(changed ? { changed } : {}),
  });
}

/**
 * Makes `account` a member with `role` in the transaction's commit, with
 * its history entry and the `user_update` event.
 */
async function join(
  tx: Transaction,
  cx: ServiceContext,
  account: User,
  role: Role,
): Promise<Member> {
  const membership = await addMember(tx, cx.kv, account.id, role, cx.now());
  const user = memberOf(account, membership);
  tx.recordChange({
    collection: users.name,
    record: user,
    actor: cx.actor,
    action: "created",
    changes: diffFields(null, user, MEMBER_FIELDS),
  });
  emitUserEvent(tx, cx, "created", user);
  return user;
}

/** Adds a crew member with a role and a temporary password. */
export async function createUser(
  cx: ServiceContext,
  input: NewUser,
  options: TeamOptions = {},
): Promise<ManagedUser> {
  const { kv, actor } = cx;
  assertManager(cx);
  assertWithinRights(actor, input.role, "make someone");
  // Hash before the transaction: it may run more than once.
  const passwordHash = await hashPassword(input.password, {
    iterations: options.passwordIterations,
  });
  const { result } = await transact(kv, async (tx) => {
    const account = await users.insert(tx, {
      username: input.username,
      name: input.name,
      active: true,
      passwordHash,
    }, { now: cx.now() });
    return await join(tx, cx, account, input.role);
  });
  return toManagedUser(result);
}

/**
 * Renames, changes the role of, or (de)activates a user. Managers cannot
 * change their own role or deactivate themselves, so the team can never
 * lose its last manager by accident; and they may only change members whose
 * role is within their own rights, into roles within them.
 */
export async function updateUser(
  cx: ServiceContext,
  id: string,
  patch: UserPatch,
  ifVersion?: number,
): Promise<ManagedUser> {
  const { kv, actor } = cx;
  assertManager(cx);
  if (id === actor.id && (patch.role !== undefined || patch.active === false)) {
    throw new ConflictError(
      "You cannot change your own role or deactivate your own account",
      "self_change",
    );
  }
  if (patch.role !== undefined) {
    assertWithinRights(actor, patch.role, "make someone");
  }
  try {
    const { result } = await transact(kv, async (tx) => {
      const before = await getMember(tx, id);
      if (before === null) throw new NotFoundError("member");
      if (ifVersion !== undefined && ifVersion !== before.version) {
        throw new VersionConflictError(before, ifVersion);
      }
      // Thrown before the commit: nothing is written.
      assertWithinRights(actor, before.role, "change a member who is");
      if (patch.name !== undefined || patch.active !== undefined) {
        await assertManagesAccount(cx, before);
      }
      const { role, ...fields } = patch;
      const account = Object.keys(fields).length > 0
        ? (await users.update(tx, id, () => fields, { now: cx.now() })).after
        : before;
      const membership = role !== undefined && role !== before.role
        ? await setMemberRole(tx, kv, id, role, cx.now())
        : await memberships.require(tx, id);
      const after = memberOf(account, membership);
      emitUserEvent(tx, cx, "updated", after, before);
      tx.recordChange({
        collection: users.name,
        record: after,
        actor,
        action: "updated",
        changes: diffFields(before, after, MEMBER_FIELDS),
      });
      return after;
    });
    if (patch.active === false) {
      // The account is the studio's: deactivated here, it is deactivated in
      // every production. Its sessions end through the studio's own log,
      // which closes its sockets everywhere (4401), not only in this one.
      await revokeSessionsOf(productionKv(studioKv(kv), STUDIO_LOG_ID), id);
    }
    return toManagedUser(result);
  } catch (error) {
    // The conflict carries the stored record: never send its password hash.
    if (error instanceof VersionConflictError) {
      throw new VersionConflictError(
        toManagedUser(error.current as Member),
        error.expected,
      );
    }
    throw error;
  }
}

/**
 * Makes an existing account of the studio a member with `role` (a person
 * who already works on another production). 404 for an unknown username;
 * 409 when they are a member already.
 */
export async function addExistingMember(
  cx: ServiceContext,
  input: ExistingMember,
): Promise<ManagedUser> {
  const { kv, actor } = cx;
  assertManager(cx);
  assertWithinRights(actor, input.role, "make someone");
  const found = await findByUsername(kv, input.username);
  if (found === null) throw new NotFoundError("account");
  const { result } = await transact(kv, async (tx) => {
    // Read again in the commit: the account may have gone meanwhile.
    const account = await users.get(tx, found.id);
    if (account === null) throw new NotFoundError("account");
    if (await memberships.get(tx, account.id) !== null) {
      throw new ConflictError(
        `${account.name} is a member already`,
        "already_member",
      );
    }
    return await join(tx, cx, account, input.role);
  });
  return toManagedUser(result);
}

/**
 * Ends a membership: the account stays in the studio (and in other
 * productions), but nothing of this production is theirs any more; their
 * open sockets close with 4403 and their next request is refused. The
 * same rules as a role change: not yourself, only members within your
 * rights.
 */
export async function removeMember(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<void> {
  const { kv, actor } = cx;
  assertManager(cx);
  if (id === actor.id) {
    throw new ConflictError(
      "You cannot remove yourself from the production",
      "self_change",
    );
  }
  try {
    await transact(kv, async (tx) => {
      const member = await getMember(tx, id);
      if (member === null) throw new NotFoundError("member");
      if (ifVersion !== undefined && ifVersion !== member.version) {
        throw new VersionConflictError(member, ifVersion);
      }
      assertWithinRights(actor, member.role, "remove a member who is");
      await dropMember(tx, kv, id);
      emitUserEvent(tx, cx, "removed", member);
    });
  } catch (error) {
    if (error instanceof VersionConflictError) {
      throw new VersionConflictError(
        toManagedUser(error.current as Member),
        error.expected,
      );
    }
    throw error;
  }
}

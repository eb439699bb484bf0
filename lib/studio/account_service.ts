/**
 * The studio's accounts as studio admins manage them: every account with
 * what it is a member of, creating one, and changing its name, active
 * flag, admin flag or password. Deactivating an account or resetting its
 * password ends its sessions (its refresh tokens and the access tokens
 * naming them stop working at once); a deactivation or a new name is told
 * to every production it is a member of (account_events.ts), so its open
 * sockets close or show the new name. An admin may not deactivate
 * themselves or give up their own admin flag: the studio never loses its
 * last admin by accident.
 *
 * @module
 */
import { hashPassword } from "@/lib/auth/password.ts";
import { revokeSessionsOf } from "@/lib/auth/refresh_tokens.ts";
import { ConflictError, NotFoundError } from "@/lib/errors.ts";
import { productions } from "@/lib/production/store.ts";
import {
  UniqueViolationError,
  VersionConflictError,
} from "@/lib/store/errors.ts";
import { productionKv, STUDIO_LOG_ID } from "@/lib/store/production_kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import { allMemberships, membershipsOf } from "@/lib/team/members.ts";
import { type User, users } from "@/lib/team/users.ts";
import { announceAccountChange } from "./account_events.ts";
import { assertAdmin, type StudioContext } from "./context.ts";
import type { AccountPatch, NewAccount } from "./schemas.ts";
import type { AccountMembershipView, AccountView } from "./shared.ts";

/** Options for tests: a lower hashing cost. */
export interface AccountOptions {
  passwordIterations?: number;
}

/** An account as admins see it; never the password hash. */
export function toAccountView(
  user: User,
  memberships: AccountMembershipView[],
): AccountView {
  return {
    id: user.id,
    version: user.version,
    username: user.username,
    name: user.name,
    active: user.active,
    admin: user.admin === true,
    memberships,
  };
}

/** The productions account `id` is a member of, oldest first. */
async function membershipViews(
  store: Deno.Kv,
  id: string,
): Promise<AccountMembershipView[]> {
  return (await membershipsOf(store, id)).map(({ production, role }) => ({
    productionId: production.id,
    slug: production.slug,
    title: production.title,
    role,
  }));
}

/**
 * Every account of the studio with its memberships, by name: three
 * lists (accounts, productions, the membership index), whatever the
 * number of productions.
 */
export async function listAccounts(cx: StudioContext): Promise<AccountView[]> {
  assertAdmin(cx, "Only studio admins see every account");
  const [accounts, all, entries] = await Promise.all([
    users.list(cx.kv),
    productions.list(cx.kv),
    allMemberships(cx.kv),
  ]);
  all.sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
  );
  const order = new Map(all.map((p, i) => [p.id, i] as const));
  const byAccount = new Map<string, AccountMembershipView[]>();
  for (const entry of entries) {
    const i = order.get(entry.productionId);
    if (i === undefined) continue;
    const list = byAccount.get(entry.accountId) ?? [];
    list.push({
      productionId: all[i].id,
      slug: all[i].slug,
      title: all[i].title,
      role: entry.role,
    });
    byAccount.set(entry.accountId, list);
  }
  for (const list of byAccount.values()) {
    list.sort((a, b) =>
      order.get(a.productionId)! - order.get(b.productionId)!
    );
  }
  return accounts
    .map((user) => toAccountView(user, byAccount.get(user.id) ?? []))
    .sort((a, b) =>
      a.name.localeCompare(b.name, "en") ||
      a.username.localeCompare(b.username)
    );
}

/**
 * Creates an active account of the studio, a member of nothing yet (a
 * producer adds it to a team). A taken username is a 409 `username_taken`.
 */
export async function createAccount(
  cx: StudioContext,
  input: NewAccount,
  options: AccountOptions = {},
): Promise<AccountView> {
  assertAdmin(cx, "Only studio admins create accounts");
  // Hash before the transaction: it may run more than once.
  const passwordHash = await hashPassword(input.password, {
    iterations: options.passwordIterations,
  });
  try {
    const { result } = await transact(cx.kv, (tx) =>
      users.insert(tx, {
        username: input.username,
        name: input.name,
        active: true,
        admin: input.admin === true,
        passwordHash,
      }, { now: cx.now() }));
    return toAccountView(result, []);
  } catch (error) {
    if (error instanceof UniqueViolationError) {
      throw new ConflictError(
        `The username “${input.username}” is taken: choose another.`,
        "username_taken",
        { field: "username" },
      );
    }
    throw error;
  }
}

/**
 * Changes account `id`. A stale `ifVersion` is a 409 carrying the
 * account as it is (without its hash); deactivating oneself or dropping
 * one's own admin flag is a 409 `self_change`.
 */
export async function updateAccount(
  cx: StudioContext,
  id: string,
  patch: AccountPatch,
  ifVersion?: number,
  options: AccountOptions = {},
): Promise<AccountView> {
  assertAdmin(cx, "Only studio admins change accounts");
  if (id === cx.actor.id && (patch.active === false || patch.admin === false)) {
    throw new ConflictError(
      "You cannot deactivate your own account or give up your own admin rights: ask another studio admin.",
      "self_change",
    );
  }
  const { password, ...fields } = patch;
  const passwordHash = password === undefined
    ? undefined
    : await hashPassword(password, { iterations: options.passwordIterations });
  let change: { before: User; after: User };
  try {
    ({ result: change } = await transact(cx.kv, async (tx) => {
      const current = await users.get(tx, id);
      if (current === null) throw new NotFoundError("account");
      return await users.update(
        tx,
        id,
        () => passwordHash === undefined ? fields : { ...fields, passwordHash },
        { ifVersion, now: cx.now() },
      );
    }));
  } catch (error) {
    // The conflict carries the stored record: never send its hash.
    if (error instanceof VersionConflictError) {
      throw new VersionConflictError(
        toAccountView(error.current as User, await membershipViews(cx.kv, id)),
        error.expected,
      );
    }
    throw error;
  }
  const { before, after } = change;
  if ((before.active && !after.active) || passwordHash !== undefined) {
    // Through the studio's own log, which every instance's hubs follow:
    // each ended session's `session_ended` closes its sockets (4401).
    await revokeSessionsOf(productionKv(cx.kv, STUDIO_LOG_ID), id);
  }
  await announceAccountChange(cx, before, after);
  return toAccountView(after, await membershipViews(cx.kv, id));
}

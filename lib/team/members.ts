/**
 * Members of the production: an account (studio-level, `users.ts`) holds
 * a role here through its membership record `["members", productionId,
 * accountId]` (a production collection, so the production's view of the
 * store places it), and the studio index `["memberships_by_account",
 * accountId, productionId]` lists an account's productions without
 * entering each one. The role that counts is always the membership's,
 * read from the store on each request (DESIGN §3).
 *
 * A member reads like the account with its role added. Its `version` is
 * that of the pair: it moves by one on every write to either record, so
 * `If-Match` on a member sees a rename as well as a role change.
 *
 * @module
 */
import { z } from "zod";
import { RoleSchema } from "@/lib/role_schema.ts";
import type { Role } from "@/lib/roles.ts";
import { type Production, ProductionSchema } from "@/lib/production/schemas.ts";
import { productionIdOf, productions } from "@/lib/production/store.ts";
import { studioKv } from "@/lib/store/production_kv.ts";
import {
  type BaseRecord,
  MAX_ID_LENGTH,
  Repository,
} from "@/lib/store/repository.ts";
import type { Transaction } from "@/lib/store/transaction.ts";
import type { ManagedUser, PublicUser } from "./shared.ts";
import { findByUsername, type User, users } from "./users.ts";

/** A membership as stored: the account's id is the record's id. */
export const MembershipSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  role: RoleSchema,
});

/** A membership as stored. */
export type Membership = z.infer<typeof MembershipSchema>;

/** The production's memberships, by account id. */
export const memberships = new Repository<Membership>({
  name: "members",
  schema: MembershipSchema,
});

/** An account as a member of the production: its role here. */
export interface Member extends User {
  role: Role;
}

/** Strips a user to its public fields. */
export function toPublicUser(user: PublicUser): PublicUser {
  return { id: user.id, name: user.name, role: user.role };
}

/** A user as team managers see it; never the password hash. */
export function toManagedUser(user: Member): ManagedUser {
  return {
    ...toPublicUser(user),
    username: user.username,
    active: user.active,
    version: user.version,
  };
}

/**
 * The studio-wide key every membership change sets (never checks), so the
 * home pages of the account hear of it through the bus (realtime/bus.ts).
 */
export const MEMBERSHIP_MOVED_KEY: Deno.KvKey = ["bus", "memberships"];

/** What {@linkcode MEMBERSHIP_MOVED_KEY} holds. */
export interface MembershipMoved {
  accountId: string;
  productionId: string;
  /** Whether the account is a member there after the change. */
  member: boolean;
}

function membershipMoved(
  tx: Transaction,
  accountId: string,
  productionId: string,
  member: boolean,
) {
  tx.set(
    MEMBERSHIP_MOVED_KEY,
    {
      accountId,
      productionId,
      member,
    } satisfies MembershipMoved,
  );
}

/** The studio index entry naming a production of the account. */
export function membershipIndexKey(
  accountId: string,
  productionId: string,
): Deno.KvKey {
  return ["memberships_by_account", accountId, productionId];
}

/** The pair as one member; `version` moves with a write to either. */
export function memberOf(account: User, membership: Membership): Member {
  return {
    ...account,
    role: membership.role,
    version: account.version + membership.version - 1,
  };
}

/** The member with `id`, or null for an unknown account or a non-member. */
export async function getMember(
  reader: Deno.Kv | Transaction,
  id: string,
): Promise<Member | null> {
  // No id is this long, and KV would refuse the key with an error.
  if (id.length > MAX_ID_LENGTH) return null;
  const [account, membership] = await reader.getMany<unknown[]>([
    users.key(id),
    memberships.key(id),
  ]);
  const user = users.read(account);
  const member = memberships.read(membership);
  return user && member ? memberOf(user, member) : null;
}

/** The member who signs in as `username`, or null. */
export async function findMember(
  kv: Deno.Kv,
  username: string,
): Promise<Member | null> {
  const account = await findByUsername(kv, username);
  return account && await getMember(kv, account.id);
}

/** Every member of the production, in account id order. */
export async function listMembers(kv: Deno.Kv): Promise<Member[]> {
  const roles = new Map(
    (await memberships.list(kv)).map((m) => [m.id, m] as const),
  );
  const members: Member[] = [];
  for (const account of await users.list(kv)) {
    const membership = roles.get(account.id);
    if (membership) members.push(memberOf(account, membership));
  }
  return members;
}

/**
 * Makes the account a member with `role` in the transaction's commit:
 * the membership and the studio index together.
 */
export async function addMember(
  tx: Transaction,
  kv: Deno.Kv,
  accountId: string,
  role: Role,
  now?: Date,
): Promise<Membership> {
  const membership = await memberships.insert(tx, { role }, {
    id: accountId,
    now,
  });
  tx.set(membershipIndexKey(accountId, productionIdOf(kv)), role);
  membershipMoved(tx, accountId, productionIdOf(kv), true);
  return membership;
}

/**
 * Creates an account and makes it a member with `role`, in the
 * transaction's commit (seeds and tests; the team service adds history
 * and the event).
 */
export async function insertMember(
  tx: Transaction,
  kv: Deno.Kv,
  fields: Omit<Member, keyof BaseRecord>,
  options: { now?: Date } = {},
): Promise<Member> {
  const { role, ...account } = fields;
  const user = await users.insert(tx, account, options);
  return memberOf(user, await addMember(tx, kv, user.id, role, options.now));
}

/** Changes a member's role, keeping the studio index in step. */
export async function setMemberRole(
  tx: Transaction,
  kv: Deno.Kv,
  accountId: string,
  role: Role,
  now?: Date,
): Promise<Membership> {
  const { after } = await memberships.update(tx, accountId, () => ({ role }), {
    now,
  });
  tx.set(membershipIndexKey(accountId, productionIdOf(kv)), role);
  membershipMoved(tx, accountId, productionIdOf(kv), true);
  return after;
}

/** Ends a membership, with its studio index, in the transaction's commit. */
export async function dropMember(
  tx: Transaction,
  kv: Deno.Kv,
  accountId: string,
): Promise<void> {
  await memberships.remove(tx, accountId);
  tx.delete(membershipIndexKey(accountId, productionIdOf(kv)));
  membershipMoved(tx, accountId, productionIdOf(kv), false);
}

/**
 * The account's role in each production it is a member of (production id
 * → role), from the studio index alone; `kv` may be any production's view.
 */
export async function rolesByProduction(
  kv: Deno.Kv,
  accountId: string,
): Promise<Map<string, Role>> {
  const roles = new Map<string, Role>();
  for await (
    const entry of studioKv(kv).list<unknown>({
      prefix: ["memberships_by_account", accountId],
    })
  ) {
    const role = RoleSchema.safeParse(entry.value);
    if (role.success) roles.set(entry.key[2] as string, role.data);
  }
  return roles;
}

/** One membership as the studio index holds it. */
export interface MembershipEntry {
  accountId: string;
  productionId: string;
  role: Role;
}

/**
 * Every membership of the studio, from the studio index alone (one list,
 * whatever the number of productions), in account then production id
 * order; `kv` may be any production's view.
 */
export async function allMemberships(
  kv: Deno.Kv,
): Promise<MembershipEntry[]> {
  const out: MembershipEntry[] = [];
  const iter = studioKv(kv).list<unknown>(
    { prefix: ["memberships_by_account"] },
    { batchSize: 500 },
  );
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

/** A production an account is a member of, with its role there. */
export interface AccountMembership {
  production: Production;
  role: Role;
}

/**
 * The productions the account is a member of, from the studio index (no
 * need to enter each production), in the order they were created.
 */
export async function membershipsOf(
  kv: Deno.Kv,
  accountId: string,
): Promise<AccountMembership[]> {
  const store = studioKv(kv);
  const roles = await rolesByProduction(kv, accountId);
  const ids = [...roles.keys()];
  const out: AccountMembership[] = [];
  for (let i = 0; i < ids.length; i += 10) {
    const entries = await store.getMany<unknown[]>(
      ids.slice(i, i + 10).map((id) => productions.key(id)),
    );
    for (const entry of entries) {
      if (entry.value === null) continue;
      const production = ProductionSchema.parse(entry.value);
      out.push({ production, role: roles.get(production.id)! });
    }
  }
  return out.sort((a, b) =>
    a.production.createdAt.localeCompare(b.production.createdAt) ||
    a.production.id.localeCompare(b.production.id)
  );
}

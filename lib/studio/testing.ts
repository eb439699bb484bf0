/**
 * Test helpers for the studio services: accounts stored straight into a
 * bare store and the contexts of an admin and of anyone else.
 *
 * @module
 */
import { hashPassword } from "@/lib/auth/password.ts";
import { transact } from "@/lib/store/transaction.ts";
import { type User, users } from "@/lib/team/users.ts";
import { type StudioContext, studioContext } from "./context.ts";

/** Iterations that keep tests fast (production hashing is benchmarked). */
export const TEST_ITERATIONS = 1_000;

/** Stores an active account with password `password123`. */
export async function storeAccount(
  kv: Deno.Kv,
  username: string,
  fields: Partial<Pick<User, "name" | "admin" | "active">> = {},
): Promise<User> {
  const passwordHash = await hashPassword("password123", {
    iterations: TEST_ITERATIONS,
  });
  const { result } = await transact(kv, (tx) =>
    users.insert(tx, {
      username,
      name: fields.name ?? username,
      active: fields.active ?? true,
      admin: fields.admin,
      passwordHash,
    }));
  return result;
}

/** The studio context of `account`, as its request would build it. */
export function contextOf(kv: Deno.Kv, account: User): StudioContext {
  return studioContext(kv, {
    id: account.id,
    name: account.name,
    admin: account.admin === true,
  });
}

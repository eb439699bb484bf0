import { z } from "zod";
import { Repository } from "@/lib/store/repository.ts";

/** Usernames: lower-case letters, digits, `.`, `_`, `-`; 3–32 long. */
export const UsernameSchema = z.string().trim().toLowerCase().regex(
  /^[a-z0-9._-]{3,32}$/,
  "Use 3–32 lower-case letters, digits, dots, dashes or underscores",
);

/** A display name. */
export const NameSchema = z.string().trim().min(1, "Enter a name").max(100);

/**
 * An account as stored (studio-level): who signs in. The role is not the
 * account's but its membership's in each production (members.ts); stores
 * written before productions kept a `role` here, which the store
 * migration turned into a membership (parsing drops it).
 */
export const UserSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  username: UsernameSchema,
  name: NameSchema,
  active: z.boolean(),
  /**
   * Administers the studio: creates productions and accounts (DESIGN §3).
   * Absent (accounts stored before the flag, and most accounts): not.
   */
  admin: z.boolean().optional(),
  passwordHash: z.string(),
});

/** A user as stored. */
export type User = z.infer<typeof UserSchema>;

/** Users, with a unique username index. */
export const users = new Repository<User>({
  name: "users",
  schema: UserSchema,
  indexes: [{ name: "username", key: (u) => [u.username], unique: true }],
});

/** Looks a user up by username (case-insensitive). */
export async function findByUsername(
  kv: Deno.Kv,
  username: string,
): Promise<User | null> {
  const parsed = UsernameSchema.safeParse(username);
  if (!parsed.success) return null;
  const [user] = await users.findBy(kv, "username", parsed.data);
  return user ?? null;
}

import { z } from "zod";
import { RoleSchema } from "@/lib/role_schema.ts";
import { Repository } from "@/lib/store/repository.ts";

/** Usernames: lower-case letters, digits, `.`, `_`, `-`; 3–32 long. */
export const UsernameSchema = z.string().trim().toLowerCase().regex(
  /^[a-z0-9._-]{3,32}$/,
  "Use 3–32 lower-case letters, digits, dots, dashes or underscores",
);

/** A display name. */
export const NameSchema = z.string().trim().min(1, "Enter a name").max(100);

/** A user as stored. */
export const UserSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  username: UsernameSchema,
  name: NameSchema,
  role: RoleSchema,
  active: z.boolean(),
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

/** What everyone may see of a user (DESIGN §4 `GET /api/users`). */
export interface PublicUser {
  id: string;
  name: string;
  role: User["role"];
}

/** What team managers see: also the username, status and version. */
export interface ManagedUser extends PublicUser {
  username: string;
  active: boolean;
  version: number;
}

/** Strips a user to its public fields. */
export function toPublicUser(user: User): PublicUser {
  return { id: user.id, name: user.name, role: user.role };
}

/** A user as team managers see it; never the password hash. */
export function toManagedUser(user: User): ManagedUser {
  return {
    ...toPublicUser(user),
    username: user.username,
    active: user.active,
    version: user.version,
  };
}

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

/**
 * The zod schemas of the team API's bodies.
 *
 * @module
 */
import { z } from "zod";
import { MAX_PASSWORD_BYTES } from "@/lib/auth/password.ts";
import { RoleSchema } from "@/lib/role_schema.ts";
import { NameSchema, UsernameSchema } from "./users.ts";

/** A temporary password a manager hands to a new crew member. */
export const PasswordSchema = z.string()
  .min(8, "Use at least 8 characters")
  .refine(
    (p) => new TextEncoder().encode(p).byteLength <= MAX_PASSWORD_BYTES,
    `Use at most ${MAX_PASSWORD_BYTES} bytes`,
  );

/** `POST /api/users` body. */
export const NewUserSchema = z.object({
  username: UsernameSchema,
  name: NameSchema,
  role: RoleSchema,
  password: PasswordSchema,
}).strict();

/**
 * `POST /api/users` body naming an existing account of the studio: it
 * becomes a member with `role` (no name or password: the account has them).
 */
export const ExistingMemberSchema = z.object({
  username: UsernameSchema,
  role: RoleSchema,
}).strict();

/**
 * `POST /api/users` body, either shape: without a name or password it
 * names an existing account, else it makes a new one (and is checked as
 * such, so a new account's mistakes read as they always have).
 */
export const AddMemberSchema = z.unknown().transform((body, ctx) => {
  const joins = typeof body === "object" && body !== null &&
    !("name" in body) && !("password" in body);
  const parsed = (joins ? ExistingMemberSchema : NewUserSchema).safeParse(
    body,
  );
  if (parsed.success) return parsed.data as NewUser | ExistingMember;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  }
  return z.NEVER;
});

/** Whether a parsed `POST /api/users` body makes a new account. */
export function isNewAccount(
  input: NewUser | ExistingMember,
): input is NewUser {
  return "password" in input;
}

/** `POST /api/users` body naming an existing account, parsed. */
export type ExistingMember = z.infer<typeof ExistingMemberSchema>;

/** `PATCH /api/users/:id` body: at least one field. */
export const UserPatchSchema = z.object({
  name: NameSchema.optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
}).strict().refine(
  (p) => Object.keys(p).length > 0,
  "Change at least one of name, role or active",
);

/** `POST /api/users` body, parsed. */
export type NewUser = z.infer<typeof NewUserSchema>;

/** `PATCH /api/users/:id` body, parsed. */
export type UserPatch = z.infer<typeof UserPatchSchema>;

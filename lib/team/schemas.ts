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

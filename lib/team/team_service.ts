import { z } from "zod";
import { hashPassword, MAX_PASSWORD_BYTES } from "@/lib/auth/password.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { audienceFor, can } from "@/lib/policy.ts";
import { RoleSchema } from "@/lib/role_schema.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { transact } from "@/lib/store/transaction.ts";
import { diffFields } from "@/lib/store/history.ts";
import { eventActor } from "@/lib/event_actor.ts";
import type { Actor } from "@/lib/policy.ts";
import { type Role, ROLE_LABELS } from "@/lib/roles.ts";
import { withinRights } from "./grants.ts";
import {
  type ManagedUser,
  NameSchema,
  toManagedUser,
  type User,
  UsernameSchema,
  users,
} from "./users.ts";

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

/** The fields a member's history reports (never the password hash). */
const MEMBER_FIELDS = ["username", "name", "role", "active"];

/** 403 unless `actor` holds every right of `role` (DESIGN §3). */
function assertWithinRights(actor: Actor, role: Role, doing: string) {
  if (!withinRights(actor.role, role)) {
    throw new ApiError(
      403,
      "forbidden",
      `You cannot ${doing} ${
        ROLE_LABELS[role]
      }: that role has rights yours does not`,
    );
  }
}

/** Options for tests: a lower hashing cost. */
export interface TeamOptions {
  passwordIterations?: number;
}

function assertManager(actor: Actor) {
  if (!can(actor, "team", "write")) {
    throw new ApiError(
      403,
      "forbidden",
      "Only producers and production managers manage the team",
    );
  }
}

/** The `user_update` event body: what everyone may know of the user. */
function userEvent(
  action: "created" | "updated",
  user: User,
  actor: { id: string; name?: string },
  before?: User,
) {
  // Which of name, role and active changed: the feed says what happened.
  const changed = before === undefined
    ? undefined
    : (["name", "role", "active"] as const).filter((f) =>
      before[f] !== user[f]
    );
  return {
    type: "user_update" as const,
    audience: audienceFor("user_update", { subjectUserId: user.id }),
    data: {
      action,
      user: {
        id: user.id,
        name: user.name,
        role: user.role,
        active: user.active,
      },
      by: eventActor(actor),
      ...(changed ? { changed } : {}),
    },
  };
}

/** Adds a crew member with a role and a temporary password. */
export async function createUser(
  kv: Deno.Kv,
  actor: Actor,
  input: z.infer<typeof NewUserSchema>,
  options: TeamOptions = {},
): Promise<ManagedUser> {
  assertManager(actor);
  assertWithinRights(actor, input.role, "make someone");
  // Hash before the transaction: it may run more than once.
  const passwordHash = await hashPassword(input.password, {
    iterations: options.passwordIterations,
  });
  const { result } = await transact(kv, async (tx) => {
    const user = await users.insert(tx, {
      username: input.username,
      name: input.name,
      role: input.role,
      active: true,
      passwordHash,
    });
    tx.recordChange({
      collection: users.name,
      record: user,
      actor,
      action: "created",
      changes: diffFields(null, user, MEMBER_FIELDS),
    });
    tx.emit(userEvent("created", user, actor));
    return user;
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
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  patch: z.infer<typeof UserPatchSchema>,
  ifVersion?: number,
): Promise<ManagedUser> {
  assertManager(actor);
  if (id === actor.id && (patch.role !== undefined || patch.active === false)) {
    throw new ApiError(
      409,
      "self_change",
      "You cannot change your own role or deactivate your own account",
    );
  }
  if (patch.role !== undefined) {
    assertWithinRights(actor, patch.role, "make someone");
  }
  try {
    const { result } = await transact(kv, async (tx) => {
      const { before, after } = await users.update(tx, id, () => patch, {
        ifVersion,
      });
      // Thrown before the commit: nothing is written.
      assertWithinRights(actor, before.role, "change a member who is");
      tx.emit(userEvent("updated", after, actor, before));
      tx.recordChange({
        collection: users.name,
        record: after,
        actor,
        action: "updated",
        changes: diffFields(before, after, MEMBER_FIELDS),
      });
      return after;
    });
    return toManagedUser(result);
  } catch (error) {
    // The conflict carries the stored record: never send its password hash.
    if (error instanceof VersionConflictError) {
      throw new VersionConflictError(
        toManagedUser(error.current as User),
        error.expected,
      );
    }
    throw error;
  }
}

/**
 * What the VFX operations share: the reader check, finding a shot (or
 * NotFoundError in the API's words), the `vfx_update` event, the fields
 * history reports, and the checks on assignees and unique codes.
 *
 * @module
 */
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { can } from "@/lib/policy.ts";
import type { Role } from "@/lib/roles.ts";
import type { ShotCodeRule } from "@/lib/production/shot_code.ts";
import { assertCan, emit, type ServiceContext } from "@/lib/service.ts";
import { UniqueViolationError } from "@/lib/store/errors.ts";
import type { Transaction } from "@/lib/store/transaction.ts";
import { getMember } from "@/lib/team/members.ts";
import type { Shot, ShotVersion, VfxAction, VfxUpdateData } from "./shared.ts";
import { shots } from "./store.ts";

/** The fields a shot's history reports (`versionCount` moves on submit). */
export const SHOT_FIELDS = [
  "code",
  "sceneKey",
  "description",
  "frameIn",
  "frameOut",
  "vendor",
  "bidCents",
  "assigneeId",
  "status",
];
/** The fields a version's history reports. */
export const VERSION_FIELDS = [
  "number",
  "notes",
  "assetId",
  "review.decision",
  "review.note",
];

/** Readers only; checked before anything is looked up (no existence hint). */
export function assertReader(cx: ServiceContext) {
  assertCan(
    cx,
    "vfx",
    "read",
    undefined,
    "Only the VFX team, the director and the producer see VFX shots",
  );
}

/** The shot, or NotFoundError naming the id (the API's wording). */
export async function requireShot(
  reader: Deno.Kv | Transaction,
  id: string,
): Promise<Shot> {
  const shot = await shots.get(reader, id);
  if (shot === null) {
    throw new NotFoundError("shot", `No VFX shot with id ${id}`);
  }
  return shot;
}

/** Logs the one `vfx_update` event of a write. */
export function emitVfx(
  tx: Transaction,
  cx: ServiceContext,
  action: VfxAction,
  shot: Shot,
  version?: ShotVersion,
) {
  const data: VfxUpdateData = version === undefined
    ? { action, shot }
    : { action, shot, version };
  emit(tx, cx, "vfx_update", {}, { ...data });
}

/** A 400 on one field, worded as the API always was. */
export function invalid(path: string, message: string): ValidationError {
  return new ValidationError(
    [{ path: [path], message }],
    "The request is invalid",
  );
}

/** A 400 on `code` naming the expected form unless `rule` allows `code`. */
export function assertShotCode(rule: ShotCodeRule, code: string) {
  if (!rule.regex.test(code)) throw invalid("code", rule.message);
}

/** Whether a member may be assigned shots: active, and reads VFX. */
export function takesShots(
  member: { id: string; role: Role; active: boolean },
): boolean {
  return member.active && can(member, "vfx", "read");
}

/** An assignee must be an active user who can see the VFX pipeline. */
export async function assertAssignee(
  tx: Transaction,
  assigneeId: string | null,
) {
  if (assigneeId === null) return;
  const user = await getMember(tx, assigneeId);
  if (user === null || !takesShots(user)) {
    throw invalid(
      "assigneeId",
      "Pick an active team member who works on VFX shots",
    );
  }
}

/** Runs a write, reporting a taken shot code as a 409 that names it. */
export async function uniqueCode<T>(code: string, write: () => Promise<T>) {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueViolationError && error.index === "code") {
      throw new ConflictError(
        `A shot with code ${code} exists already`,
        "conflict",
        { field: "code" },
      );
    }
    throw error;
  }
}

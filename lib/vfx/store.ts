/**
 * The VFX shot pipeline: shots and their versions in KV, and the service the
 * HTTP API calls. Every write commits its records and exactly one
 * `vfx_update` event together (DESIGN §3, §5); status changes follow the one
 * table in status.ts.
 *
 * Who may do what (lib/policy.ts): vfx, director and producer read; the VFX
 * team creates and edits shots and submits versions; the director and
 * producer review versions and move shots approved ⇄ final. Other roles get
 * a 403 for everything, even for shots that do not exist.
 *
 * `sceneKey` (script module: a scene's stable key, see scene_links.ts) and
 * `assetId` (assets module) are links to other modules. A scene key is
 * stored as given, not checked: the script may be absent or re-drafted
 * later, and a shot must outlive either; the pages say when no current
 * draft has the scene. An attached file must exist when a version is
 * submitted.
 *
 * @module
 */
import { assets } from "@/lib/assets/asset_store.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { type Actor, audienceFor, can } from "@/lib/policy.ts";
import {
  UniqueViolationError,
  VersionConflictError,
} from "@/lib/store/errors.ts";
import { Repository } from "@/lib/store/repository.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { diffFields } from "@/lib/store/history.ts";
import { eventActor } from "@/lib/event_actor.ts";
import { users } from "@/lib/team/users.ts";
import { withSceneKey, withSceneKeys } from "./scene_links.ts";
import type { ShotAndVersion, ShotDetail } from "./shared.ts";
import {
  type NewShot,
  type NewVersion,
  type ReviewInput,
  type Shot,
  type ShotPatch,
  type ShotQuery,
  ShotSchema,
  type ShotVersion,
  ShotVersionSchema,
  type VfxUpdateData,
} from "./schemas.ts";
import {
  assertManualMove,
  statusAfterReview,
  statusAfterSubmit,
} from "./status.ts";

/** The user acting: id and role for the policy, name for the records. */
export type VfxActor = Actor & { name: string };

/** Shots: a unique index on the code, and one by status. */
export const shots = new Repository<Shot>({
  name: "vfx_shots",
  schema: ShotSchema,
  indexes: [
    { name: "code", key: (s) => [s.code], unique: true },
    { name: "status", key: (s) => [s.status] },
  ],
});

/**
 * Versions of shots. Ids are derived from the shot and the number (see
 * {@linkcode versionId}), so a version is read by key inside a transaction
 * and two versions can never share a number; the index lists a shot's
 * versions in number order.
 */
export const shotVersions = new Repository<ShotVersion>({
  name: "vfx_versions",
  schema: ShotVersionSchema,
  indexes: [{ name: "shot", key: (v) => [v.shotId, v.number] }],
});

/** The id of version `number` of shot `shotId`. */
export function versionId(shotId: string, number: number): string {
  return `${shotId}_v${number}`;
}

export type { ShotAndVersion, ShotDetail };

function assertReader(actor: Actor) {
  if (!can(actor, "vfx", "read")) {
    throw new ApiError(
      403,
      "forbidden",
      "Only the VFX team, the director and the producer see VFX shots",
    );
  }
}

function notFound(id: string): ApiError {
  return new ApiError(404, "not_found", `No VFX shot with id ${id}`);
}

async function requireShot(
  reader: Deno.Kv | Transaction,
  id: string,
): Promise<Shot> {
  const shot = await shots.get(reader, id);
  if (shot === null) throw notFound(id);
  return shot;
}

function vfxEvent(
  actor: { id: string; name?: string },
  action: VfxUpdateData["action"],
  shot: Shot,
  version?: ShotVersion,
) {
  const data: VfxUpdateData = version === undefined
    ? { action, shot }
    : { action, shot, version };
  return {
    type: "vfx_update" as const,
    audience: audienceFor("vfx_update"),
    data: { ...data, by: eventActor(actor) },
  };
}

/** The fields a shot's history reports (`versionCount` moves on submit). */
const SHOT_FIELDS = [
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
const VERSION_FIELDS = [
  "number",
  "notes",
  "assetId",
  "review.decision",
  "review.note",
];

function validation(path: string, message: string): ApiError {
  return new ApiError(400, "validation", "The request is invalid", [
    { path: [path], message },
  ]);
}

/** An assignee must be an active user who can see the VFX pipeline. */
async function assertAssignee(tx: Transaction, assigneeId: string | null) {
  if (assigneeId === null) return;
  const user = await users.get(tx, assigneeId);
  if (user === null || !user.active || !can(user, "vfx", "read")) {
    throw validation(
      "assigneeId",
      "Pick an active team member who works on VFX shots",
    );
  }
}

/** Runs a write, reporting a taken shot code as a 409 that names it. */
async function uniqueCode<T>(code: string, write: () => Promise<T>) {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueViolationError && error.index === "code") {
      throw new ApiError(
        409,
        "conflict",
        `A shot with code ${code} exists already`,
        { field: "code" },
      );
    }
    throw error;
  }
}

/** Shots `actor` may see (all, for readers), filtered, in code order. */
export async function listShots(
  kv: Deno.Kv,
  actor: Actor,
  filters: ShotQuery = {},
): Promise<Shot[]> {
  assertReader(actor);
  const found = filters.status !== undefined
    ? await shots.findBy(kv, "status", filters.status)
    : await shots.list(kv);
  const vendor = filters.vendor?.trim().toLowerCase();
  return (await withSceneKeys(kv, found)).filter((s) =>
    (filters.assignee === undefined || s.assigneeId === filters.assignee) &&
    (filters.sceneKey === undefined || s.sceneKey === filters.sceneKey) &&
    (vendor === undefined || s.vendor.toLowerCase() === vendor)
  ).sort((a, b) => a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** One shot with its versions (oldest first); 403 for non-readers, else 404. */
export async function getShot(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
): Promise<ShotDetail> {
  assertReader(actor);
  const shot = await withSceneKey(kv, await requireShot(kv, id));
  const versions = await shotVersions.findBy(kv, "shot", id);
  // A version submitted between the two reads is left out, so the list
  // always agrees with the shot's versionCount.
  return {
    shot,
    versions: versions.filter((v) => v.number <= shot.versionCount),
  };
}

/** Creates a shot (VFX team): not started, no versions. */
export async function createShot(
  kv: Deno.Kv,
  actor: Actor,
  input: NewShot,
): Promise<Shot> {
  assertReader(actor);
  if (!can(actor, "vfx", "write_shots")) {
    throw new ApiError(403, "forbidden", "Only the VFX team creates shots");
  }
  const { result } = await transact(kv, async (tx) => {
    await assertAssignee(tx, input.assigneeId);
    const shot = await uniqueCode(input.code, () =>
      shots.insert(tx, {
        ...input,
        status: "not_started",
        versionCount: 0,
      }));
    tx.recordChange({
      collection: shots.name,
      record: shot,
      actor,
      action: "created",
      changes: diffFields(null, shot, SHOT_FIELDS),
    });
    tx.emit(vfxEvent(actor, "shot_created", shot));
    return shot;
  });
  return result;
}

/**
 * Changes a shot. The VFX team edits the details (code, scene, description,
 * frames, vendor, bid, assignee) and moves the status as status.ts allows
 * them; the director and producer change only the status (approved ⇄ final,
 * omit, restore). A stale `ifVersion` is a 409 with the current shot.
 */
export async function updateShot(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  patch: ShotPatch,
  ifVersion?: number,
): Promise<Shot> {
  assertReader(actor);
  const { result } = await transact(kv, async (tx) => {
    const current = await requireShot(tx, id);
    const details = Object.keys(patch).filter((f) => f !== "status");
    if (details.length > 0 && !can(actor, "vfx", "write_shots")) {
      throw new ApiError(
        403,
        "forbidden",
        "Only the VFX team edits a shot's details; the director and producer change its status",
      );
    }
    if (ifVersion !== undefined && ifVersion !== current.version) {
      throw new VersionConflictError(current, ifVersion);
    }
    const status = patch.status === undefined
      ? current.status
      : assertManualMove(actor, current.status, patch.status);
    const frameIn = patch.frameIn ?? current.frameIn;
    const frameOut = patch.frameOut ?? current.frameOut;
    if (frameOut < frameIn) {
      throw validation(
        "frameOut",
        `The out frame (${frameOut}) cannot be before the in frame (${frameIn})`,
      );
    }
    if (
      patch.assigneeId !== undefined && patch.assigneeId !== current.assigneeId
    ) {
      await assertAssignee(tx, patch.assigneeId);
    }
    const { after } = await uniqueCode(
      patch.code ?? current.code,
      // Editing the scene link stores the key and drops a legacy scene id.
      () =>
        shots.update(tx, id, () => ({
          ...patch,
          ...(patch.sceneKey === undefined ? {} : { sceneId: undefined }),
          status,
        }), { ifVersion }),
    );
    tx.recordChange({
      collection: shots.name,
      record: after,
      actor,
      action: "updated",
      changes: diffFields(current, after, SHOT_FIELDS),
    });
    const shown = await withSceneKey(kv, after);
    tx.emit(vfxEvent(actor, "shot_updated", shown));
    return shown;
  });
  return result;
}

/**
 * Submits the next version of a shot (VFX team): number `versionCount + 1`,
 * counted in the same commit, and the shot goes to review. A 409 unless the
 * shot is not started, in progress or has changes requested.
 */
export async function submitVersion(
  kv: Deno.Kv,
  actor: VfxActor,
  shotId: string,
  input: NewVersion,
): Promise<ShotAndVersion> {
  assertReader(actor);
  const { result } = await transact(kv, async (tx) => {
    const current = await requireShot(tx, shotId);
    if (!can(actor, "vfx", "submit_version")) {
      throw new ApiError(
        403,
        "forbidden",
        "Only the VFX team submits versions",
      );
    }
    if (
      input.assetId !== null && (await assets.get(tx, input.assetId)) === null
    ) {
      throw new ApiError(
        400,
        "validation",
        "The attached file does not exist",
        [
          { path: ["assetId"], message: "Pick a file from the assets library" },
        ],
      );
    }
    const status = statusAfterSubmit(current.status);
    const number = current.versionCount + 1;
    const now = new Date();
    const { after: shot } = await shots.update(
      tx,
      shotId,
      () => ({ status, versionCount: number }),
      { now },
    );
    const version = await shotVersions.insert(tx, {
      shotId,
      number,
      notes: input.notes,
      assetId: input.assetId,
      submittedBy: actor.id,
      submittedByName: actor.name,
      review: null,
    }, { id: versionId(shotId, number), now });
    tx.recordChange({
      collection: shots.name,
      record: shot,
      actor,
      action: "version_submitted",
      changes: diffFields(current, shot, ["versionCount", "status"]),
    });
    tx.recordChange({
      collection: shotVersions.name,
      record: version,
      actor,
      action: "created",
      changes: diffFields(null, version, VERSION_FIELDS),
    });
    const shown = await withSceneKey(kv, shot);
    tx.emit(vfxEvent(actor, "version_submitted", shown, version));
    return { shot: shown, version };
  });
  return result;
}

/**
 * Reviews version `number` of a shot (director, producer): only the latest
 * version, only while the shot is in review. Approving sets the shot
 * `approved`; requesting changes sets `changes_requested`. `ifVersion` is
 * the version record's own `version` (1 until reviewed).
 */
export async function reviewVersion(
  kv: Deno.Kv,
  actor: VfxActor,
  shotId: string,
  number: number,
  input: ReviewInput,
  ifVersion?: number,
): Promise<ShotAndVersion> {
  assertReader(actor);
  const { result } = await transact(kv, async (tx) => {
    const current = await requireShot(tx, shotId);
    if (!can(actor, "vfx", "review")) {
      throw new ApiError(
        403,
        "forbidden",
        "Only the director or the producer reviews versions",
      );
    }
    const target = await shotVersions.get(tx, versionId(shotId, number));
    if (target === null || number > current.versionCount) {
      throw new ApiError(
        404,
        "not_found",
        `Shot ${current.code} has no version ${number}`,
      );
    }
    if (ifVersion !== undefined && ifVersion !== target.version) {
      throw new VersionConflictError(target, ifVersion);
    }
    if (number !== current.versionCount) {
      throw new ApiError(
        409,
        "invalid_transition",
        `Only the latest version (v${current.versionCount}) of ${current.code} can be reviewed; v${number} is an older one`,
        { latest: current.versionCount },
      );
    }
    const status = statusAfterReview(current.status, input.decision);
    if (target.review !== null) {
      throw new ApiError(
        409,
        "invalid_transition",
        `Version ${number} of ${current.code} was reviewed already`,
      );
    }
    const now = new Date();
    const { after: version } = await shotVersions.update(tx, target.id, () => ({
      review: {
        decision: input.decision,
        note: input.note,
        by: actor.id,
        byName: actor.name,
        at: now.toISOString(),
      },
    }), { ifVersion, now });
    const { after: shot } = await shots.update(
      tx,
      shotId,
      () => ({ status }),
      { now },
    );
    tx.recordChange({
      collection: shotVersions.name,
      record: version,
      actor,
      action: "reviewed",
      changes: diffFields(target, version, VERSION_FIELDS),
    });
    tx.recordChange({
      collection: shots.name,
      record: shot,
      actor,
      action: "version_reviewed",
      changes: [
        {
          field: "review",
          from: null,
          to: { number, decision: input.decision },
        },
        ...diffFields(current, shot, ["status"]),
      ],
    });
    const shown = await withSceneKey(kv, shot);
    tx.emit(vfxEvent(actor, "version_reviewed", shown, version));
    return { shot: shown, version };
  });
  return result;
}

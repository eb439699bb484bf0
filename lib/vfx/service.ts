/**
 * The VFX shot pipeline's operations, as functions of a
 * {@linkcode ServiceContext}: list, get, create and edit shots (status
 * moves included), submit and review versions, read a shot's history.
 * Every write commits its records and exactly one `vfx_update` event
 * together (DESIGN §3, §5); status changes follow the one table in
 * status.ts; the records live in store.ts.
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
import { assets } from "@/lib/assets/store.ts";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { can } from "@/lib/policy.ts";
import { assertCan, emit, type ServiceContext } from "@/lib/service.ts";
import {
  UniqueViolationError,
  VersionConflictError,
} from "@/lib/store/errors.ts";
import {
  diffFields,
  type HistoryPage,
  readHistory,
} from "@/lib/store/history.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { users } from "@/lib/team/users.ts";
import { withSceneKey, withSceneKeys } from "./scene_links.ts";
import type {
  NewShot,
  NewVersion,
  ReviewInput,
  ShotPatch,
  ShotQuery,
} from "./schemas.ts";
import type {
  Shot,
  ShotAndVersion,
  ShotDetail,
  ShotVersion,
  VfxAction,
  VfxUpdateData,
} from "./shared.ts";
import {
  assertManualMove,
  statusAfterReview,
  statusAfterSubmit,
} from "./status.ts";
import { shots, shotVersions, versionId } from "./store.ts";

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

/** Readers only; checked before anything is looked up (no existence hint). */
function assertReader(cx: ServiceContext) {
  assertCan(
    cx,
    "vfx",
    "read",
    undefined,
    "Only the VFX team, the director and the producer see VFX shots",
  );
}

/** The shot, or NotFoundError naming the id (the API's wording). */
async function requireShot(
  reader: Deno.Kv | Transaction,
  id: string,
): Promise<Shot> {
  const shot = await shots.get(reader, id);
  if (shot === null) {
    throw new NotFoundError("shot", `No VFX shot with id ${id}`);
  }
  return shot;
}

function emitVfx(
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

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(
    [{ path: [path], message }],
    "The request is invalid",
  );
}

/** An assignee must be an active user who can see the VFX pipeline. */
async function assertAssignee(tx: Transaction, assigneeId: string | null) {
  if (assigneeId === null) return;
  const user = await users.get(tx, assigneeId);
  if (user === null || !user.active || !can(user, "vfx", "read")) {
    throw invalid(
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
      throw new ConflictError(
        `A shot with code ${code} exists already`,
        "conflict",
        { field: "code" },
      );
    }
    throw error;
  }
}

/** Shots the actor may see (all, for readers), filtered, in code order. */
export async function listShots(
  cx: ServiceContext,
  filters: ShotQuery = {},
): Promise<Shot[]> {
  assertReader(cx);
  const found = filters.status !== undefined
    ? await shots.findBy(cx.kv, "status", filters.status)
    : await shots.list(cx.kv);
  const vendor = filters.vendor?.trim().toLowerCase();
  return (await withSceneKeys(cx.kv, found)).filter((s) =>
    (filters.assignee === undefined || s.assigneeId === filters.assignee) &&
    (filters.sceneKey === undefined || s.sceneKey === filters.sceneKey) &&
    (vendor === undefined || s.vendor.toLowerCase() === vendor)
  ).sort((a, b) => a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** One shot with its versions (oldest first); 403 for non-readers, else 404. */
export async function getShot(
  cx: ServiceContext,
  id: string,
): Promise<ShotDetail> {
  assertReader(cx);
  const shot = await withSceneKey(cx.kv, await requireShot(cx.kv, id));
  const versions = await shotVersions.findBy(cx.kv, "shot", id);
  // A version submitted between the two reads is left out, so the list
  // always agrees with the shot's versionCount.
  return {
    shot,
    versions: versions.filter((v) => v.number <= shot.versionCount),
  };
}

/** A shot's change history, newest first; 403 for non-readers, else 404. */
export async function shotHistory(
  cx: ServiceContext,
  id: string,
  options: { limit?: number; cursor?: string | null } = {},
): Promise<HistoryPage> {
  assertReader(cx);
  await requireShot(cx.kv, id);
  return await readHistory(cx.kv, shots.name, id, options);
}

/** Creates a shot (VFX team): not started, no versions. */
export async function createShot(
  cx: ServiceContext,
  input: NewShot,
): Promise<Shot> {
  assertReader(cx);
  assertCan(
    cx,
    "vfx",
    "write_shots",
    undefined,
    "Only the VFX team creates shots",
  );
  const { result } = await transact(cx.kv, async (tx) => {
    await assertAssignee(tx, input.assigneeId);
    const shot = await uniqueCode(input.code, () =>
      shots.insert(tx, {
        ...input,
        status: "not_started",
        versionCount: 0,
      }, { now: cx.now() }));
    tx.recordChange({
      collection: shots.name,
      record: shot,
      actor: cx.actor,
      action: "created",
      changes: diffFields(null, shot, SHOT_FIELDS),
    });
    emitVfx(tx, cx, "shot_created", shot);
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
  cx: ServiceContext,
  id: string,
  patch: ShotPatch,
  ifVersion?: number,
): Promise<Shot> {
  assertReader(cx);
  const { result } = await transact(cx.kv, async (tx) => {
    const current = await requireShot(tx, id);
    const details = Object.keys(patch).filter((f) => f !== "status");
    if (details.length > 0) {
      assertCan(
        cx,
        "vfx",
        "write_shots",
        undefined,
        "Only the VFX team edits a shot's details; the director and producer change its status",
      );
    }
    if (ifVersion !== undefined && ifVersion !== current.version) {
      throw new VersionConflictError(current, ifVersion);
    }
    const status = patch.status === undefined
      ? current.status
      : assertManualMove(cx.actor, current.status, patch.status);
    const frameIn = patch.frameIn ?? current.frameIn;
    const frameOut = patch.frameOut ?? current.frameOut;
    if (frameOut < frameIn) {
      throw invalid(
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
        }), { ifVersion, now: cx.now() }),
    );
    tx.recordChange({
      collection: shots.name,
      record: after,
      actor: cx.actor,
      action: "updated",
      changes: diffFields(current, after, SHOT_FIELDS),
    });
    const shown = await withSceneKey(cx.kv, after);
    emitVfx(tx, cx, "shot_updated", shown);
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
  cx: ServiceContext,
  shotId: string,
  input: NewVersion,
): Promise<ShotAndVersion> {
  assertReader(cx);
  const { result } = await transact(cx.kv, async (tx) => {
    const current = await requireShot(tx, shotId);
    assertCan(
      cx,
      "vfx",
      "submit_version",
      undefined,
      "Only the VFX team submits versions",
    );
    if (
      input.assetId !== null && (await assets.get(tx, input.assetId)) === null
    ) {
      throw new ValidationError(
        [{ path: ["assetId"], message: "Pick a file from the assets library" }],
        "The attached file does not exist",
      );
    }
    const status = statusAfterSubmit(current.status);
    const number = current.versionCount + 1;
    const now = cx.now();
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
      submittedBy: cx.actor.id,
      submittedByName: cx.actor.name,
      review: null,
    }, { id: versionId(shotId, number), now });
    tx.recordChange({
      collection: shots.name,
      record: shot,
      actor: cx.actor,
      action: "version_submitted",
      changes: diffFields(current, shot, ["versionCount", "status"]),
    });
    tx.recordChange({
      collection: shotVersions.name,
      record: version,
      actor: cx.actor,
      action: "created",
      changes: diffFields(null, version, VERSION_FIELDS),
    });
    const shown = await withSceneKey(cx.kv, shot);
    emitVfx(tx, cx, "version_submitted", shown, version);
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
  cx: ServiceContext,
  shotId: string,
  number: number,
  input: ReviewInput,
  ifVersion?: number,
): Promise<ShotAndVersion> {
  assertReader(cx);
  const { result } = await transact(cx.kv, async (tx) => {
    const current = await requireShot(tx, shotId);
    assertCan(
      cx,
      "vfx",
      "review",
      undefined,
      "Only the director or the producer reviews versions",
    );
    const target = await shotVersions.get(tx, versionId(shotId, number));
    if (target === null || number > current.versionCount) {
      throw new NotFoundError(
        "version",
        `Shot ${current.code} has no version ${number}`,
      );
    }
    if (ifVersion !== undefined && ifVersion !== target.version) {
      throw new VersionConflictError(target, ifVersion);
    }
    if (number !== current.versionCount) {
      throw new ConflictError(
        `Only the latest version (v${current.versionCount}) of ${current.code} can be reviewed; v${number} is an older one`,
        "invalid_transition",
        { latest: current.versionCount },
      );
    }
    const status = statusAfterReview(current.status, input.decision);
    if (target.review !== null) {
      throw new ConflictError(
        `Version ${number} of ${current.code} was reviewed already`,
        "invalid_transition",
      );
    }
    const now = cx.now();
    const { after: version } = await shotVersions.update(tx, target.id, () => ({
      review: {
        decision: input.decision,
        note: input.note,
        by: cx.actor.id,
        byName: cx.actor.name,
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
      actor: cx.actor,
      action: "reviewed",
      changes: diffFields(target, version, VERSION_FIELDS),
    });
    tx.recordChange({
      collection: shots.name,
      record: shot,
      actor: cx.actor,
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
    const shown = await withSceneKey(cx.kv, shot);
    emitVfx(tx, cx, "version_reviewed", shown, version);
    return { shot: shown, version };
  });
  return result;
}

/**
 * The VFX shot pipeline's operations, as functions of a
 * {@linkcode ServiceContext}: list, get, create and edit shots (status
 * moves included), submit and review versions, read a shot's history.
 * Every write commits its records and exactly one `vfx_update` event
 * together (DESIGN §3, §5), and a change to what the bids commit also a
 * `budget_update` for the budget's readers (lib/budget/vfx_commitment.ts); status changes follow the one table in
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
import {
  commitmentMoved,
  emitCommitmentChange,
} from "@/lib/budget/vfx_commitment.ts";
import { productionShotCodeRule } from "@/lib/production/store.ts";
import { assertCan, type ServiceContext } from "@/lib/service.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import {
  diffFields,
  type HistoryPage,
  readHistory,
} from "@/lib/store/history.ts";
import { transact } from "@/lib/store/transaction.ts";
import { withSceneKey, withSceneKeys } from "./scene_links.ts";
import type { NewShot, ShotPatch, ShotQuery } from "./schemas.ts";
import type { Shot, ShotDetail } from "./shared.ts";
import { assertManualMove } from "./status.ts";
import { shots, shotVersions } from "./store.ts";
import {
  assertAssignee,
  assertReader,
  assertShotCode,
  emitVfx,
  invalid,
  requireShot,
  SHOT_FIELDS,
  uniqueCode,
} from "./service_rules.ts";

export { reviewVersion, submitVersion } from "./versions.ts";

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
  assertShotCode(await productionShotCodeRule(cx.kv), input.code);
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
    if (commitmentMoved(null, shot)) await emitCommitmentChange(tx, cx);
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
  // The production's convention, read once (not checked at commit: a
  // pattern changed meanwhile applies to the next edit).
  const codeRule = patch.code === undefined
    ? null
    : await productionShotCodeRule(cx.kv);
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
    // A code written under an earlier convention may stay as it is.
    if (codeRule !== null && patch.code !== current.code) {
      assertShotCode(codeRule, patch.code!);
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
    if (commitmentMoved(current, after)) await emitCommitmentChange(tx, cx);
    return shown;
  });
  return result;
}

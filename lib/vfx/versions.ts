/**
 * The VFX operations on versions: submit the next version of a shot (VFX
 * team) and review the latest one (director, producer), as functions of a
 * {@linkcode ServiceContext}. service.ts re-exports them, so routes import
 * the module's operations from one place.
 *
 * @module
 */
import { assets } from "@/lib/assets/store.ts";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { notify } from "@/lib/inbox/notify.ts";
import { membersWithRoles } from "@/lib/inbox/recipients.ts";
import { POLICY } from "@/lib/policy.ts";
import { assertCan, type ServiceContext } from "@/lib/service.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact } from "@/lib/store/transaction.ts";
import { reviewDecision, reviewRequests } from "./notices.ts";
import { withSceneKey } from "./scene_links.ts";
import type { NewVersion, ReviewInput } from "./schemas.ts";
import type { ShotAndVersion } from "./shared.ts";
import { statusAfterReview, statusAfterSubmit } from "./status.ts";
import { shots, shotVersions, versionId } from "./store.ts";
import {
  assertReader,
  emitVfx,
  requireShot,
  VERSION_FIELDS,
} from "./service_rules.ts";

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
  const reviewers = await membersWithRoles(cx.kv, POLICY.vfx.review.roles);
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
    notify(tx, cx, reviewRequests(cx.actor, shot, version, reviewers), now);
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
    notify(tx, cx, reviewDecision(cx.actor, shot, version), now);
    return { shot: shown, version };
  });
  return result;
}

/**
 * Editing a scene of a script's current draft: its breakdown tags, notes
 * and status moves, in one transaction with its history entry and event.
 * The module rule (who reads, who writes) is the caller's (service.ts);
 * the rules that depend on the scene — who may approve or reopen it, which
 * moves its status allows, the approved lock — are here.
 *
 * @module
 */
import {
  ConflictError,
  ForbiddenError,
  ValidationError,
} from "@/lib/errors.ts";
import { TooLargeError } from "@/lib/errors.ts";
import { type Actor, can } from "@/lib/policy.ts";
import { emit, type ServiceContext } from "@/lib/service.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact } from "@/lib/store/transaction.ts";
import { ensureElements, tagsOf } from "@/lib/elements/ensure.ts";
import { notify } from "@/lib/inbox/notify.ts";
import { breakdownAuthors, sceneApprovals } from "./notices.ts";
import type { Scene, ScenePatch } from "./schemas.ts";
import {
  type Breakdown,
  BREAKDOWN_CATEGORIES,
  type BreakdownCategory,
  CATEGORY_LABELS,
  MAX_BREAKDOWN_BYTES,
  MAX_TAGS_PER_CATEGORY,
  SCENE_STATUS_LABELS,
  type SceneStatus,
  tagKey,
  uniqueTags,
} from "./shared.ts";
import {
  jsonBytes,
  requirePublishedScene,
  requireScript,
  revisionKey,
  sceneName,
  scenes,
} from "./store.ts";

/**
 * Whether `actor` may approve a breakdown or reopen an approved one (the
 * policy table's `script.approve`).
 */
export function canApprove(actor: Actor): boolean {
  return can(actor, "script", "approve");
}

/**
 * Status moves: who may make them. Anything not listed is a 409. Omitting is
 * open to every writer from any status; restoring an omitted scene (to draft
 * or broken down) too, unless a new draft removed it from the script.
 */
const MOVES: Record<
  SceneStatus,
  Partial<Record<SceneStatus, "writers" | "approvers">>
> = {
  draft: { broken_down: "writers", omitted: "writers" },
  broken_down: { draft: "writers", approved: "approvers", omitted: "writers" },
  approved: { broken_down: "approvers", omitted: "writers" },
  omitted: { draft: "writers", broken_down: "writers" },
};

function label(status: SceneStatus): string {
  return SCENE_STATUS_LABELS[status].toLowerCase();
}

function invalidMove(message: string): ConflictError {
  return new ConflictError(message, "invalid_transition");
}

/** Checks a status move; returns the status after it. */
function assertMove(
  actor: Actor,
  scene: Scene,
  to: SceneStatus | undefined,
): SceneStatus {
  const from = scene.status;
  if (to === undefined || to === from) return from;
  const who = MOVES[from][to];
  if (who === undefined) {
    if (to === "approved") {
      throw invalidMove(
        `A scene that is ${
          label(from)
        } cannot be approved; break it down first`,
      );
    }
    throw invalidMove(
      `A scene that is ${label(from)} cannot be moved to ${label(to)}${
        from === "approved" ? "; reopen it as broken down first" : ""
      }`,
    );
  }
  if (who === "approvers" && !canApprove(actor)) {
    throw new ForbiddenError(
      to === "approved"
        ? "Only the director or the producer approves a breakdown"
        : "Only the director or the producer reopens an approved breakdown",
    );
  }
  if (from === "omitted" && scene.change === "removed") {
    throw invalidMove(
      `${
        sceneName(scene).replace(/^s/, "S")
      } was removed from the script in draft ${scene.draftVersion}; it cannot be restored`,
    );
  }
  return to;
}

/** The breakdown after a patch's `breakdown`, `add` and `remove`. */
export function applyTags(current: Breakdown, patch: ScenePatch): Breakdown {
  const next = structuredClone(current);
  const each = (
    changes: ScenePatch["add"],
    fn: (category: BreakdownCategory, tags: string[]) => void,
  ) => {
    for (const c of BREAKDOWN_CATEGORIES) {
      const tags = changes?.[c];
      if (tags !== undefined) fn(c, tags);
    }
  };
  each(patch.breakdown, (c, tags) => next[c] = uniqueTags(tags));
  each(patch.add, (c, tags) => next[c] = uniqueTags([...next[c], ...tags]));
  each(patch.remove, (c, tags) => {
    const gone = new Set(tags.map(tagKey));
    next[c] = next[c].filter((t) => !gone.has(tagKey(t)));
  });
  for (const c of BREAKDOWN_CATEGORIES) {
    if (next[c].length > MAX_TAGS_PER_CATEGORY) {
      throw new ValidationError([{
        path: [patch.add?.[c] !== undefined ? "add" : "breakdown", c],
        message: `${CATEGORY_LABELS[c]} would have ${
          next[c].length
        } tags; at most ${MAX_TAGS_PER_CATEGORY} per category`,
      }], "The request is invalid");
    }
  }
  const bytes = jsonBytes(next);
  if (bytes > MAX_BREAKDOWN_BYTES) {
    throw new TooLargeError(
      `The breakdown would be ${bytes} bytes; at most ${MAX_BREAKDOWN_BYTES} per scene`,
    );
  }
  return next;
}

/** The fields a scene's history reports: status, notes, tags per category. */
const SCENE_FIELDS = [
  "status",
  "notes",
  ...BREAKDOWN_CATEGORIES.map((c) => `breakdown.${c}`),
];

function sameTags(a: Breakdown, b: Breakdown): boolean {
  return BREAKDOWN_CATEGORIES.every((c) =>
    a[c].length === b[c].length && a[c].every((t, i) => t === b[c][i])
  );
}

/**
 * Applies `patch` to a scene of the script's current draft as `cx.actor`
 * (a writer: the caller checked). See service.ts `updateScene` for the
 * rules. A patch that changes nothing writes nothing.
 */
export async function editScene(
  cx: ServiceContext,
  scriptId: string,
  sceneId: string,
  patch: ScenePatch,
  ifVersion?: number,
): Promise<Scene> {
  const { actor } = cx;
  const { result } = await transact(cx.kv, async (tx) => {
    const script = await requireScript(tx, scriptId);
    const current = await requirePublishedScene(tx, script, sceneId);
    if (ifVersion !== undefined && ifVersion !== current.version) {
      throw new VersionConflictError(current, ifVersion);
    }
    if (current.draftVersion !== script.currentVersion) {
      throw new ConflictError(
        `This scene belongs to draft ${current.draftVersion}, which is history: draft ${script.currentVersion} is current`,
        "read_only",
        { currentVersion: script.currentVersion },
      );
    }
    const status = assertMove(actor, current, patch.status);
    const breakdown = tagsTouched(patch)
      ? applyTags(current.breakdown, patch)
      : current.breakdown;
    const tagsChanged = !sameTags(breakdown, current.breakdown);
    if (tagsChanged && current.status === "approved" && status === "approved") {
      if (!canApprove(actor)) {
        throw new ForbiddenError(
          "This breakdown is approved: only the director or the producer can reopen it for changes",
        );
      }
      throw invalidMove(
        "This breakdown is approved and locked: move it back to broken down (status broken_down) to change its tags",
      );
    }
    const notes = patch.notes ?? current.notes;
    if (!tagsChanged && notes === current.notes && status === current.status) {
      return current;
    }
    const now = cx.now();
    const approval = status === "approved" && current.status !== "approved"
      ? {
        approvedBy: actor.id,
        approvedByName: actor.name,
        approvedAt: now.toISOString(),
        needsReview: false,
      }
      : status !== "approved"
      ? { approvedBy: null, approvedByName: null, approvedAt: null }
      : {};
    const rev = await tx.get<number>(revisionKey(scriptId));
    tx.set(revisionKey(scriptId), (rev.value ?? 0) + 1);
    const { after } = await scenes.update(
      tx,
      sceneId,
      () => ({ breakdown, notes, status, ...approval }),
      { ifVersion, now },
    );
    tx.recordChange({
      collection: scenes.name,
      record: after,
      actor,
      action: "updated",
      changes: diffFields(current, after, SCENE_FIELDS),
    });
    emit(tx, cx, "script_update", {}, {
      action: "scene_updated",
      scene: after,
    });
    if (after.status === "approved" && current.status !== "approved") {
      const authors = await breakdownAuthors(cx.kv, scriptId, after);
      notify(tx, cx, sceneApprovals(actor, scriptId, after, authors), now);
    }
    return after;
  });
  if (tagsTouched(patch)) await ensureSceneElements(cx, result);
  return result;
}

function tagsTouched(patch: ScenePatch): boolean {
  return patch.breakdown !== undefined || patch.add !== undefined ||
    patch.remove !== undefined;
}

/**
 * Makes the elements of a scene's tags that are missing (all of its tags,
 * so one lost to a crash between two commits is made by the next edit).
 * After the scene's commit: a refused patch creates no element. A failure
 * here leaves the saved scene saved, so it is logged, not thrown: the
 * element is made by the next tag edit of the scene.
 */
async function ensureSceneElements(cx: ServiceContext, scene: Scene) {
  try {
    await ensureElements(cx, tagsOf([scene.breakdown]));
  } catch (error) {
    console.error(error);
  }
}

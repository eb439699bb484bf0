/**
 * Comparing two drafts of a script: what each scene record of a new draft
 * is, from the scene matches (scene_match.ts, whose documentation gives the
 * matching passes), and what it inherits. Pure functions, no storage:
 * import.ts writes what they plan.
 *
 * ## What a new draft's scene inherits
 *
 * - added: a fresh breakdown (cast from the speaking characters, locations
 *   from the heading), status `draft`.
 * - unchanged: everything — breakdown, status, notes, review flag, approval.
 * - changed: breakdown and notes, plus any new speaking character or
 *   location; an `approved` or `broken_down` scene goes (back) to
 *   `broken_down`, `draft` and `omitted` stay; `needsReview` is set when it
 *   was approved (and kept if it was set).
 * - removed: the previous record's content, status `omitted`, change
 *   `removed`, listed where it stood (after the scene that preceded it).
 *
 * @module
 */
import {
  type Breakdown,
  BREAKDOWN_CATEGORIES,
  emptyBreakdown,
  MAX_TAG_LENGTH,
  MAX_TAGS_PER_CATEGORY,
  type SceneStatus,
  uniqueTags,
} from "./breakdown.ts";
import type { DraftSummary, Scene, SceneElement } from "./schemas.ts";
import { type MatchableScene, matchScenes } from "./scene_match.ts";

export { type MatchableScene, matchScenes } from "./scene_match.ts";

/** A scene of a freshly parsed draft (the parser's `Scene`). */
export interface ParsedScene extends MatchableScene {
  index: number;
  setting: Scene["setting"];
  timeOfDay: string | null;
  characters: string[];
  elements: SceneElement[];
  eighths: number;
}

/** A scene record of a new draft, before the store adds ids and versions. */
export type PlannedScene = Omit<
  Scene,
  | "id"
  | "version"
  | "createdAt"
  | "updatedAt"
  | "scriptId"
  | "draftVersion"
  | "importId"
>;

/** The scenes of a new draft and what changed. */
export interface DraftPlan {
  /** In listing order (`position`), removed scenes where they stood. */
  scenes: PlannedScene[];
  summary: DraftSummary;
}

/**
 * The breakdown a newly parsed scene starts with: the speaking characters
 * as cast, the heading's location as a location (each cut to the tag
 * limits).
 */
export function prefilledBreakdown(scene: ParsedScene): Breakdown {
  const breakdown = emptyBreakdown();
  breakdown.cast = fitTags(scene.characters);
  breakdown.locations = fitTags([scene.location]);
  return breakdown;
}

function fitTags(tags: string[]): string[] {
  return uniqueTags(tags.map((t) => t.slice(0, MAX_TAG_LENGTH))).slice(
    0,
    MAX_TAGS_PER_CATEGORY,
  );
}

/** `carried` with the tags of `fresh` it lacks added at the end. */
function mergeBreakdown(carried: Breakdown, fresh: Breakdown): Breakdown {
  const out = emptyBreakdown();
  for (const c of BREAKDOWN_CATEGORIES) {
    // Carried tags come first, so a full category keeps all of its own.
    out[c] = fitTags([...carried[c], ...fresh[c]]);
  }
  return out;
}

function statusAfterChange(status: SceneStatus): SceneStatus {
  return status === "approved" ? "broken_down" : status;
}

function fromParsed(scene: ParsedScene) {
  return {
    index: scene.index,
    number: scene.number,
    heading: scene.heading,
    setting: scene.setting,
    location: scene.location,
    timeOfDay: scene.timeOfDay,
    characters: scene.characters,
    eighths: scene.eighths,
    hash: scene.hash,
    text: scene.elements,
  };
}

/**
 * Plans the scenes of a new draft from the parsed scenes and the previous
 * draft's scenes (in order, without the ones it had removed; empty for a
 * first draft). `newKey` names scenes that are new.
 *
 * @example
 * ```ts
 * const { scenes, summary } = planDraft(previousScenes, parsed.scenes);
 * summary; // { added: 1, removed: 0, changed: 2, unchanged: 7 }
 * ```
 */
export function planDraft(
  previous: readonly Scene[],
  parsed: readonly ParsedScene[],
  newKey: () => string = () => crypto.randomUUID(),
): DraftPlan {
  const toOld = matchScenes(previous, parsed);
  const summary: DraftSummary = {
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
  };
  const present: PlannedScene[] = parsed.map((scene, n) => {
    const o = toOld[n];
    const fresh = prefilledBreakdown(scene);
    if (o === null) {
      summary.added++;
      return {
        ...fromParsed(scene),
        key: newKey(),
        previousId: null,
        position: 0,
        status: "draft",
        change: "added",
        needsReview: false,
        notes: "",
        breakdown: fresh,
        approvedBy: null,
        approvedByName: null,
        approvedAt: null,
      };
    }
    const old = previous[o];
    if (old.hash === scene.hash) {
      summary.unchanged++;
      return {
        ...fromParsed(scene),
        key: old.key,
        previousId: old.id,
        position: 0,
        status: old.status,
        change: "unchanged",
        needsReview: old.needsReview,
        notes: old.notes,
        breakdown: old.breakdown,
        approvedBy: old.approvedBy,
        approvedByName: old.approvedByName,
        approvedAt: old.approvedAt,
      };
    }
    summary.changed++;
    return {
      ...fromParsed(scene),
      key: old.key,
      previousId: old.id,
      position: 0,
      status: statusAfterChange(old.status),
      change: "changed",
      needsReview: old.needsReview || old.status === "approved",
      notes: old.notes,
      breakdown: mergeBreakdown(old.breakdown, fresh),
      approvedBy: null,
      approvedByName: null,
      approvedAt: null,
    };
  });

  // Removed scenes stand after the matched scene that preceded them.
  const matchedAt = new Map<number, number>();
  toOld.forEach((o, n) => o !== null && matchedAt.set(o, n));
  const after = new Map<number, PlannedScene[]>(); // new index (-1: start)
  let anchor = -1;
  previous.forEach((old, o) => {
    const n = matchedAt.get(o);
    if (n !== undefined) {
      anchor = n;
      return;
    }
    summary.removed++;
    const list = after.get(anchor) ?? [];
    list.push({
      index: old.index,
      number: old.number,
      heading: old.heading,
      setting: old.setting,
      location: old.location,
      timeOfDay: old.timeOfDay,
      characters: old.characters,
      eighths: old.eighths,
      hash: old.hash,
      text: old.text,
      key: old.key,
      previousId: old.id,
      position: 0,
      status: "omitted",
      change: "removed",
      needsReview: false,
      notes: old.notes,
      breakdown: old.breakdown,
      approvedBy: null,
      approvedByName: null,
      approvedAt: null,
    });
    after.set(anchor, list);
  });
  const scenes: PlannedScene[] = [...(after.get(-1) ?? [])];
  present.forEach((scene, n) => scenes.push(scene, ...(after.get(n) ?? [])));
  scenes.forEach((scene, position) => scene.position = position);
  return { scenes, summary };
}

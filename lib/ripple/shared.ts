/**
 * The script-revision ripple (issue #13): when a new draft changes scenes,
 * every record built on one of them is flagged for its owner to review.
 * Browser-safe vocabulary and wire types.
 *
 * @module
 */
import {
  RECORD_TYPE_PLURALS,
  type RecordCard,
  type RecordRef,
  type RecordType,
} from "@/lib/records/shared.ts";

/** What a new draft did to a scene that records depend on. */
export const SCENE_IMPACTS = ["changed", "removed", "renumbered"] as const;

/** What a new draft did to a scene. */
export type SceneImpact = typeof SCENE_IMPACTS[number];

/** Labels of the impacts, as a flag's headline says them. */
export const IMPACT_LABELS: Record<SceneImpact, string> = {
  changed: "changed",
  removed: "omitted",
  renumbered: "renumbered",
};

/** Where a flag stands: open until its owner resolves it. */
export const FLAG_STATUSES = ["open", "kept", "updated", "dismissed"] as const;

/** Where a flag stands. */
export type FlagStatus = typeof FLAG_STATUSES[number];

/** How an owner resolves a flag. */
export const RESOLUTIONS = ["kept", "updated", "dismissed"] as const;

/** How an owner resolves a flag. */
export type Resolution = typeof RESOLUTIONS[number];

/** Labels of the statuses. */
export const FLAG_STATUS_LABELS: Record<FlagStatus, string> = {
  open: "To review",
  kept: "Kept as is",
  updated: "Updated",
  dismissed: "Dismissed",
};

/** Longest resolution note, in characters. */
export const MAX_NOTE_LENGTH = 1000;
/** Most diff lines a flag keeps of a changed scene. */
export const MAX_DIFF_LINES = 60;

/** One line of a scene's text diff. */
export interface DiffLine {
  op: "same" | "added" | "removed";
  text: string;
}

/** A scene as a flag remembers it, before or after the draft. */
export interface SceneSnapshot {
  number: string;
  heading: string;
  eighths: number;
}

/** What changed in the scene, for the flag's reader. */
export interface SceneChangeDetail {
  before: SceneSnapshot;
  /** Null when the draft omitted the scene. */
  after: SceneSnapshot | null;
  castAdded: string[];
  castRemoved: string[];
  /** The text diff (changed scenes), cut to {@linkcode MAX_DIFF_LINES}. */
  diff: DiffLine[];
}

/** A record flagged by a draft, as stored. */
export interface Flag {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  scriptId: string;
  /** The draft number that changed the scene. */
  draft: number;
  sceneKey: string;
  impact: SceneImpact;
  detail: SceneChangeDetail;
  record: RecordRef;
  /** Who must review it (the task's assignee, the shot's artist, …). */
  ownerIds: string[];
  status: FlagStatus;
  note: string;
  resolvedBy: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
}

/**
 * A flag as its reader sees it: the record's card, and the scene's detail
 * only for who may read the script (others learn that "scene 12 changed").
 */
export interface FlagView {
  id: string;
  version: number;
  scriptId: string;
  draft: number;
  sceneKey: string;
  impact: SceneImpact;
  detail: SceneChangeDetail | null;
  /** "Scene 12" (the number before the draft). */
  scene: string;
  record: RecordCard;
  owners: string[];
  status: FlagStatus;
  note: string;
  resolvedByName: string | null;
  resolvedAt: string | null;
  /** Whether the viewer may resolve it (an owner, or management). */
  resolvable: boolean;
}

/** One draft's ripple, as its reader sees it. */
export interface DraftRipple {
  scriptId: string;
  scriptTitle: string;
  draft: number;
  /** Scenes the draft changed, omitted or renumbered (all, not per viewer). */
  scenes: number;
  flags: FlagView[];
}

/** `GET /api/p/:slug/ripple`: newest draft first. */
export interface RippleView {
  drafts: DraftRipple[];
  open: number;
}

/** What a `ripple_update` event reports (no content: readers reload). */
export interface RippleUpdateData {
  action: "flagged" | "resolved";
  scriptId: string;
  draft: number;
  /** The flag resolved, for `resolved`. */
  flagId?: string;
  status?: FlagStatus;
}

/**
 * "draft 4 changed 6 scenes: 3 shots, 5 tasks, 2 budget lines to review".
 *
 * @example
 * ```ts
 * rippleSummary(4, 6, [["shots", 3], ["tasks", 5]]);
 * // "Draft 4 changed 6 scenes: 3 shots, 5 tasks to review"
 * ```
 */
export function rippleSummary(
  draft: number,
  scenes: number,
  counts: [string, number][],
): string {
  const head = `Draft ${draft} changed ${scenes} ${
    scenes === 1 ? "scene" : "scenes"
  }`;
  const parts = counts.filter(([, n]) => n > 0).map(([what, n]) =>
    `${n} ${n === 1 ? what.replace(/s$/, "") : what}`
  );
  return parts.length === 0 ? head : `${head}: ${parts.join(", ")} to review`;
}

/**
 * The order flags and counts list kinds of record in: work first (tasks,
 * shots, the schedule), then money, files and the breakdown's elements.
 */
export const KIND_ORDER: readonly RecordType[] = [
  "task",
  "shot",
  "version",
  "schedule",
  "budget_category",
  "expense",
  "asset",
  "element",
  "scene",
];

/**
 * What flags on records of a kind are called in counts and headings: a
 * flag on the schedule is one per scene on a shooting day.
 */
export const FLAGGED_KIND_PLURALS: Record<RecordType, string> = {
  ...RECORD_TYPE_PLURALS,
  schedule: "scheduled scenes",
};

/** "2 shots, 1 budget line" for records of these kinds, in kind order. */
export function countsByKind(
  types: Iterable<RecordType>,
): [string, number][] {
  const counts = new Map<RecordType, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  return KIND_ORDER.filter((t) => counts.has(t))
    .map((t) => [FLAGGED_KIND_PLURALS[t], counts.get(t)!]);
}

/** The summary line of one draft's ripple, from the viewer's open flags. */
export function draftSummary(draft: DraftRipple): string {
  return rippleSummary(
    draft.draft,
    draft.scenes,
    countsByKind(
      draft.flags.filter((f) => f.status === "open").map((f) =>
        f.record.ref.type
      ),
    ),
  );
}

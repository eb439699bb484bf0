/**
 * The VFX pipeline's browser-safe vocabulary: the statuses, review
 * decisions and event actions (`as const`), THE label table for each (used
 * by the VFX pages, the reports and their CSV, and event texts), limits,
 * and the wire types the API sends and the islands render.
 *
 * Dependency-free: islands and components import this file into the
 * browser, and schemas.ts builds its zod schemas from it, so server and
 * browser agree word for word. tests/vfx_pages_test.ts checks that every
 * status has a label and a tone.
 *
 * @module
 */

/** The statuses of a shot, in pipeline order (see status.ts for moves). */
export const SHOT_STATUSES = [
  "not_started",
  "in_progress",
  "pending_review",
  "changes_requested",
  "approved",
  "final",
  "omitted",
] as const;

/** A shot's status. */
export type ShotStatus = typeof SHOT_STATUSES[number];

/** The statuses in pipeline order (the list pages and reports walk). */
export const STATUS_ORDER: readonly ShotStatus[] = SHOT_STATUSES;

/** The decisions of a review. */
export const REVIEW_DECISIONS = ["approve", "request_changes"] as const;

/** The decision of a review. */
export type ReviewDecision = typeof REVIEW_DECISIONS[number];

/** What a `vfx_update` event reports. */
export const VFX_ACTIONS = [
  "shot_created",
  "shot_updated",
  "version_submitted",
  "version_reviewed",
] as const;

/** What a `vfx_update` event reports. */
export type VfxAction = typeof VFX_ACTIONS[number];

/**
 * The default shot code (the pattern `PREFIX_SEQ_SHOT`):
 * `<prefix>_<sequence>_<shot>`, e.g. `NL_010_0040` — 2–8 capital letters or
 * digits (the show or sequence prefix), a 3-digit sequence number and a
 * 4-digit shot number, joined by underscores. A production may set its own
 * pattern (lib/production/shot_code.ts). Case matters and nothing is
 * rewritten: `nl_010_0040` is refused, not upper-cased. Unique per
 * production.
 */
export const SHOT_CODE_PATTERN = /^[A-Z0-9]{2,8}_\d{3}_\d{4}$/;

/** The longest shot code any pattern allows, in characters. */
export const MAX_SHOT_CODE_LENGTH = 60;

/** The largest frame number a shot may name (≈ 4.6 days at 25 fps). */
export const MAX_FRAME = 10_000_000;

/** The longest shot description, in characters. */
export const MAX_DESCRIPTION_CHARS = 2000;

/** The longest vendor name, in characters. */
export const MAX_VENDOR_CHARS = 200;

/** The longest version notes or review note, in characters. */
export const MAX_NOTE_CHARS = 5000;

/** A status as the UI names it (sentence case), everywhere. */
export const STATUS_LABELS: Record<ShotStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  pending_review: "Pending review",
  changes_requested: "Changes requested",
  approved: "Approved",
  final: "Final",
  omitted: "Omitted",
};

/** A status inside a sentence: its label in lower case ("pending review"). */
export function statusInText(status: ShotStatus): string {
  return STATUS_LABELS[status].toLowerCase();
}

/**
 * The colour family of each status (the `data-tone` of a status pill; the
 * stylesheet maps tones to colours in both themes). Colour is never the
 * only signal: every pill carries its label.
 */
export type StatusTone =
  | "idle"
  | "active"
  | "review"
  | "changes"
  | "approved"
  | "final"
  | "omitted";

/** The tone of each status. */
export const STATUS_TONES: Record<ShotStatus, StatusTone> = {
  not_started: "idle",
  in_progress: "active",
  pending_review: "review",
  changes_requested: "changes",
  approved: "approved",
  final: "final",
  omitted: "omitted",
};

/** A review decision as a past-tense result ("Approved"). */
export const DECISION_LABELS: Record<ReviewDecision, string> = {
  approve: "Approved",
  request_changes: "Changes requested",
};

/** The button that makes a review decision. */
export const DECISION_ACTIONS: Record<ReviewDecision, string> = {
  approve: "Approve",
  request_changes: "Request changes",
};

/**
 * The label of a button moving a shot by hand from `from` to `to`: "Start
 * work", "Mark final", "Restore", … (moves status.ts allows by hand).
 */
export function moveLabel(from: ShotStatus, to: ShotStatus): string {
  if (to === "omitted") return "Omit shot";
  if (from === "omitted") return "Restore to not started";
  if (to === "in_progress") {
    return from === "changes_requested" ? "Resume work" : "Start work";
  }
  if (to === "not_started") return "Back to not started";
  if (to === "final") return "Mark final";
  if (from === "final" && to === "approved") return "Reopen as approved";
  return `Move to ${STATUS_LABELS[to].toLowerCase()}`;
}

/** Whether a move is one to confirm first (it takes the shot off the work). */
export function isDestructiveMove(to: ShotStatus): boolean {
  return to === "omitted";
}

/** The number of frames from `frameIn` to `frameOut`, both included. */
export function frameCount(frameIn: number, frameOut: number): number {
  return frameOut - frameIn + 1;
}

const INTEGER = new Intl.NumberFormat("en-US");

/** "1001–1144" (no grouping: frame numbers are read as codes). */
export function frameRange(frameIn: number, frameOut: number): string {
  return `${frameIn}–${frameOut}`;
}

/** "144 frames" / "1 frame". */
export function frameLength(frameIn: number, frameOut: number): string {
  const n = frameCount(frameIn, frameOut);
  return `${INTEGER.format(n)} ${n === 1 ? "frame" : "frames"}`;
}

/** A shot as stored and sent (schemas.ts `ShotSchema` checks it). */
export interface Shot {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  code: string;
  /**
   * The script scene the shot belongs to, by the scene's stable `key`
   * (lib/script/schemas.ts): the same across drafts, so the link survives a
   * new draft. Null when not linked (and in records from before keys).
   */
  sceneKey: string | null;
  /**
   * Legacy: the per-draft scene record id that shots stored before they
   * linked by key. Never written any more; the store resolves it to
   * `sceneKey` on read (scene_links.ts) and drops it when the link is edited.
   */
  sceneId?: string | null;
  description: string;
  /** First frame of the shot, inclusive. */
  frameIn: number;
  /** Last frame of the shot, inclusive; never before `frameIn`. */
  frameOut: number;
  vendor: string;
  /** The vendor's bid, in integer minor units of the production currency. */
  bidCents: number;
  /** The artist working on the shot, or null. */
  assigneeId: string | null;
  status: ShotStatus;
  /** How many versions were submitted; the latest is number `versionCount`. */
  versionCount: number;
}

/** A review of a version, as stored on it. */
export interface Review {
  decision: ReviewDecision;
  note: string;
  /** Reviewer id and name at the time. */
  by: string;
  byName: string;
  /** ISO timestamp of the review. */
  at: string;
}

/** A version of a shot (a submitted render), as stored and sent. */
export interface ShotVersion {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  shotId: string;
  /** 1, 2, 3 … per shot, in submission order. */
  number: number;
  notes: string;
  /** The render in the assets module, or null. */
  assetId: string | null;
  /** Who submitted it: user id and name at the time. */
  submittedBy: string;
  submittedByName: string;
  /** Null until a director or producer reviews it. */
  review: Review | null;
}

/** A shot with its versions, oldest first (`GET /api/vfx/shots/:id`). */
export interface ShotDetail {
  shot: Shot;
  versions: ShotVersion[];
}

/** A shot and the version a submit or review wrote (their 201/200 body). */
export interface ShotAndVersion {
  shot: Shot;
  version: ShotVersion;
}

/**
 * `vfx_update` event data (DESIGN §5): the shot after the change, and for
 * `version_submitted` / `version_reviewed` the version after the change.
 */
export interface VfxUpdateData {
  action: VfxAction;
  shot: Shot;
  version?: ShotVersion;
}

/** A scene as the VFX pages name and link it. */
export interface SceneRef {
  /** The scene's stable key (what a shot stores). */
  key: string;
  scriptId: string;
  scriptTitle: string;
  /** The scene's record in the script's current draft (for the link). */
  sceneId: string;
  /** The scene number as the script pages show it ("4", "12A"). */
  number: string;
  heading: string;
  /** The current draft removed the scene from the script. */
  removed: boolean;
}

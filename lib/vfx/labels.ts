/**
 * What the product says about shots: THE status labels (one table, used by
 * the VFX pages, the reports and their CSV, and event texts) and their
 * colour tones, review decision labels, the wording of status buttons,
 * frame ranges. Dates go through lib/format.ts.
 *
 * No zod and no server code (only `import type`): islands import this file
 * into the browser, and server render and islands must agree word for word.
 * tests/vfx_pages_test.ts checks that every status of schemas.ts has a label.
 *
 * @module
 */
import type { ReviewDecision, ShotStatus } from "./schemas.ts";

/** The statuses in pipeline order (the same list as schemas.ts). */
export const STATUS_ORDER: readonly ShotStatus[] = [
  "not_started",
  "in_progress",
  "pending_review",
  "changes_requested",
  "approved",
  "final",
  "omitted",
];

/** A status as the UI names it (sentence case). */
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

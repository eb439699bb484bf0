/**
 * The shot status machine, as ONE table ({@linkcode STATUS_TABLE}): for each
 * status, the statuses a shot may go to next and what may take it there.
 *
 * - Manual moves (`PATCH /api/vfx/shots/:id {status}`) name the policy action
 *   that admits the actor: `write_shots` (the VFX team) or `review` (director
 *   and producer). Who holds each action is lib/policy.ts's decision.
 * - Automatic moves happen only as a side effect: `submit` (a version is
 *   submitted: `submit_version`), `approve` and `request_changes` (the latest
 *   version is reviewed: `review`). Nobody sets those statuses by hand.
 *
 * Decisions:
 * - The VFX team drives the work: not started ⇄ in progress, changes
 *   requested → in progress, and submitting from any of those three.
 * - Approval and "final" belong to the reviewers: approved ⇄ final.
 * - Omitting a shot (cut from the film) is open to the VFX team only while
 *   the shot is still with them (not started, in progress, changes
 *   requested); a shot in review, approved or final carries the reviewers'
 *   decision, so only they may omit it. Either side may restore an omitted
 *   shot, always to not started (its versions stay).
 * - Approved and final shots take no new versions: they are signed off. A
 *   reviewer may still omit one; a restored shot starts over at not started.
 *
 * Errors: a move this table does not list is a 409 whose message says why
 * and what to do instead; a move it lists but only for other roles is a 403.
 *
 * @module
 */
import { ConflictError, ForbiddenError } from "@/lib/errors.ts";
import { type Actor, can } from "@/lib/policy.ts";
import {
  type ReviewDecision,
  SHOT_STATUSES,
  type ShotStatus,
  statusInText,
} from "./shared.ts";

/** Manual moves: the policy action that admits the actor. */
export type ManualMove = "write_shots" | "review";

/** Automatic moves: the event that causes them. */
export type AutomaticMove = "submit" | "approve" | "request_changes";

/** What may take a shot from one status to another. */
export type Move = ManualMove | AutomaticMove;

/**
 * THE status table: `STATUS_TABLE[from][to]` lists what may move a shot from
 * `from` to `to`; a pair that is absent is illegal for everyone.
 *
 * | from \ to         | what may move it                                     |
 * |-------------------|------------------------------------------------------|
 * | not_started       | → in_progress: vfx · → pending_review: submit · → omitted: vfx, reviewers |
 * | in_progress       | → not_started: vfx · → pending_review: submit · → omitted: vfx, reviewers |
 * | pending_review    | → approved: approve · → changes_requested: request_changes · → omitted: reviewers |
 * | changes_requested | → in_progress: vfx · → pending_review: submit · → omitted: vfx, reviewers |
 * | approved          | → final: reviewers · → omitted: reviewers            |
 * | final             | → approved: reviewers · → omitted: reviewers         |
 * | omitted           | → not_started: vfx, reviewers                        |
 */
export const STATUS_TABLE: {
  readonly [F in ShotStatus]: {
    readonly [T in ShotStatus]?: readonly Move[];
  };
} = deepFreeze({
  not_started: {
    in_progress: ["write_shots"],
    pending_review: ["submit"],
    omitted: ["write_shots", "review"],
  },
  in_progress: {
    not_started: ["write_shots"],
    pending_review: ["submit"],
    omitted: ["write_shots", "review"],
  },
  pending_review: {
    approved: ["approve"],
    changes_requested: ["request_changes"],
    omitted: ["review"],
  },
  changes_requested: {
    in_progress: ["write_shots"],
    pending_review: ["submit"],
    omitted: ["write_shots", "review"],
  },
  approved: {
    final: ["review"],
    omitted: ["review"],
  },
  final: {
    approved: ["review"],
    omitted: ["review"],
  },
  omitted: {
    not_started: ["write_shots", "review"],
  },
});

const MANUAL: readonly Move[] = ["write_shots", "review"];

/** The moves the table lists from `from` to `to` (empty when illegal). */
export function movesBetween(from: ShotStatus, to: ShotStatus): Move[] {
  return [...(STATUS_TABLE[from][to] ?? [])];
}

/** Whether `actor` may set the shot's status from `from` to `to` by hand. */
export function canMoveManually(
  actor: Actor,
  from: ShotStatus,
  to: ShotStatus,
): boolean {
  return movesBetween(from, to).some((m) =>
    MANUAL.includes(m) && can(actor, "vfx", m as ManualMove)
  );
}

/** The statuses `actor` may set by hand from `from`, in pipeline order. */
export function manualTargets(actor: Actor, from: ShotStatus): ShotStatus[] {
  return SHOT_STATUSES.filter((to) => canMoveManually(actor, from, to));
}

/** "A shot in review", "An approved shot", … for messages. */
const SUBJECT: Record<ShotStatus, string> = {
  not_started: "A shot not yet started",
  in_progress: "A shot in progress",
  pending_review: "A shot pending review",
  changes_requested: "A shot with changes requested",
  approved: "An approved shot",
  final: "A final shot",
  omitted: "An omitted shot",
};

/** What can happen next to a shot in each status, for messages. */
const NEXT_STEP: Record<ShotStatus, string> = {
  not_started: "start it or submit a version",
  in_progress: "submit a version to send it for review",
  pending_review: "review it first",
  changes_requested: "move it to in progress or submit a new version",
  approved: "the director or producer can only mark it final or omit it",
  final:
    "the director or producer can only move it back to approved or omit it",
  omitted: "restore it to not started first",
};

/** How a status that is never set by hand is reached. */
const REACHED_BY: Partial<Record<ShotStatus, string>> = {
  pending_review: "a shot goes to review when a version is submitted",
  approved:
    "a shot is approved when the director or producer approves its latest version",
  changes_requested: "changes are requested by reviewing the latest version",
};

const ROLE_NAMES: Record<ManualMove, string> = {
  write_shots: "the VFX team",
  review: "the director or producer",
};

/**
 * Checks a manual status change (`PATCH {status}`) and returns the new
 * status. Same status: no move, allowed. Throws a 409 when the table has no
 * manual move from `from` to `to`, a 403 when it has one for other roles.
 */
export function assertManualMove(
  actor: Actor,
  from: ShotStatus,
  to: ShotStatus,
): ShotStatus {
  if (from === to || canMoveManually(actor, from, to)) return to;
  const manual = movesBetween(from, to).filter((m) => MANUAL.includes(m));
  if (manual.length > 0) {
    const who = manual.map((m) => ROLE_NAMES[m as ManualMove]).join(" or ");
    throw new ForbiddenError(
      `Only ${who} can move ${lower(SUBJECT[from])} to ${statusInText(to)}`,
    );
  }
  const reached = REACHED_BY[to];
  const message = reached !== undefined
    ? `A shot cannot be set to ${statusInText(to)} by hand; ${reached}`
    : `${SUBJECT[from]} cannot be moved to ${statusInText(to)}; ${
      NEXT_STEP[from]
    }`;
  throw conflict(message, from, to);
}

/**
 * The status a shot takes when a version is submitted (`pending_review`);
 * a 409 when the table does not allow submitting from `from`.
 */
export function statusAfterSubmit(from: ShotStatus): ShotStatus {
  if (movesBetween(from, "pending_review").includes("submit")) {
    return "pending_review";
  }
  const why: Partial<Record<ShotStatus, string>> = {
    pending_review: "its latest version is waiting for review; review it first",
    approved: "it is already approved",
    final: "it is final",
    omitted: "it is omitted; restore it to not started first",
  };
  throw conflict(
    `${SUBJECT[from]} cannot take a new version; ${
      why[from] ?? NEXT_STEP[from]
    }`,
    from,
    "pending_review",
  );
}

/**
 * The status a review's decision gives (`approved` / `changes_requested`);
 * a 409 unless the shot is in review.
 */
export function statusAfterReview(
  from: ShotStatus,
  decision: ReviewDecision,
): ShotStatus {
  const to: ShotStatus = decision === "approve"
    ? "approved"
    : "changes_requested";
  const move: AutomaticMove = decision === "approve"
    ? "approve"
    : "request_changes";
  if (movesBetween(from, to).includes(move)) return to;
  throw conflict(
    `${
      SUBJECT[from]
    } cannot be reviewed; only a shot pending review (a submitted version waiting for a decision) can`,
    from,
    to,
  );
}

function conflict(message: string, from: ShotStatus, to: ShotStatus) {
  return new ConflictError(message, "invalid_transition", { from, to });
}

function lower(subject: string): string {
  return subject.charAt(0).toLowerCase() + subject.slice(1);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The inbox items of the review loop (issue #13): a submitted version asks
 * every reviewer (the policy's `vfx.review` roles: director and producer)
 * for a review; a review tells the version's submitter the verdict. Added
 * in the commit of the submission or review by versions.ts.
 *
 * @module
 */
import type { NewInboxItem } from "@/lib/inbox/shared.ts";
import type { ServiceActor } from "@/lib/service.ts";
import type { Shot, ShotVersion } from "./shared.ts";

function versionRef(version: ShotVersion) {
  return { type: "version" as const, id: version.id };
}

function versionHref(shot: Shot, version: ShotVersion): string {
  return `/vfx/${shot.id}#v${version.number}`;
}

/** "Please review": one item per reviewer. */
export function reviewRequests(
  actor: ServiceActor,
  shot: Shot,
  version: ShotVersion,
  reviewers: readonly string[],
): NewInboxItem[] {
  return reviewers.map((userId) => ({
    userId,
    kind: "review_requested",
    title: `${actor.name} submitted ${shot.code} v${version.number} for review`,
    body: version.notes,
    href: versionHref(shot, version),
    ref: versionRef(version),
  }));
}

/** The verdict, to whoever submitted the version. */
export function reviewDecision(
  actor: ServiceActor,
  shot: Shot,
  version: ShotVersion,
): NewInboxItem[] {
  const review = version.review;
  if (review === null) return [];
  const verdict = review.decision === "approve"
    ? "approved"
    : "requested changes on";
  return [{
    userId: version.submittedBy,
    kind: "review_decision",
    title: `${actor.name} ${verdict} ${shot.code} v${version.number}`,
    body: review.note,
    href: versionHref(shot, version),
    ref: versionRef(version),
  }];
}

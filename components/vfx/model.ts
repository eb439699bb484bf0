/**
 * The VFX islands' state, as pure functions: the filters of the shot table,
 * applying `vfx_update` events to the table and to one shot's page, and
 * turning the API's validation details into messages per field.
 *
 * Browser code: no zod, no server imports (types only).
 *
 * @module
 */
import type {
  Shot,
  ShotDetail,
  ShotStatus,
  ShotVersion,
  VfxUpdateData,
} from "@/lib/vfx/shared.ts";
import { type FailureInfo, failureText } from "@/components/api.ts";

/** The table's filters, as in the URL (`?status=&assignee=&vendor=`). */
export interface ShotFilters {
  status?: ShotStatus;
  assignee?: string;
  vendor?: string;
}

/** A person the pages name or offer as an assignee. */
export interface Person {
  id: string;
  name: string;
}

export type { ShotDetail };

/**
 * What the viewer may do on a shot page, worked out on the server from
 * lib/policy.ts and lib/vfx/status.ts (which islands cannot import).
 */
export interface ShotAbilities {
  /** For each status, the statuses the viewer may move a shot to by hand. */
  moves: Record<ShotStatus, ShotStatus[]>;
  /** The statuses from which the viewer may submit a version (none: not VFX). */
  submitFrom: ShotStatus[];
  /** Whether the viewer reviews versions (director, producer). */
  canReview: boolean;
}

/** The forms of the shot page. */
export type ShotIntent = "status" | "submit" | "review";

/** A form the page rendered again after a post without JavaScript. */
export interface PostedForm {
  intent: ShotIntent;
  values: Record<string, string>;
  errors: Record<string, string>;
  message: string | null;
}

/**
 * When a shot last changed, its versions included: a review writes the
 * version and the shot together, but a version can be newer than its shot
 * (shots seeded or stored before that rule), and "Updated" must never read
 * older than the newest version.
 */
export function lastChange(
  shot: Pick<Shot, "updatedAt">,
  versions: readonly Pick<ShotVersion, "updatedAt">[],
): string {
  return versions.reduce(
    (latest, v) => v.updatedAt > latest ? v.updatedAt : latest,
    shot.updatedAt,
  );
}

/** Whether `shot` passes the filters (the same rules as `listShots`). */
export function matchesFilters(shot: Shot, filters: ShotFilters): boolean {
  const vendor = filters.vendor?.trim().toLowerCase();
  return (filters.status === undefined || shot.status === filters.status) &&
    (filters.assignee === undefined || shot.assigneeId === filters.assignee) &&
    (vendor === undefined || vendor === "" ||
      shot.vendor.toLowerCase() === vendor);
}

/** Shots in code order, as the API lists them. */
export function byCode(a: Shot, b: Shot): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * The table after `shot` changed: replaced (or added) when it passes the
 * filters, dropped when it no longer does. An older copy than the one
 * shown (a late event) changes nothing.
 */
export function applyShot(
  list: readonly Shot[],
  shot: Shot,
  filters: ShotFilters,
): Shot[] {
  const current = list.find((s) => s.id === shot.id);
  if (current && current.version > shot.version) return [...list];
  const rest = list.filter((s) => s.id !== shot.id);
  if (!matchesFilters(shot, filters)) return rest;
  return [...rest, shot].sort(byCode);
}

/**
 * One shot's page after a change: the newer shot, and the version the
 * change wrote (added or replaced; a stale copy is ignored). Versions stay
 * oldest first and never beyond the shot's `versionCount`.
 */
export function applyDetail(
  detail: ShotDetail,
  shot: Shot,
  version?: ShotVersion,
): ShotDetail {
  if (shot.id !== detail.shot.id) return detail;
  const next = shot.version >= detail.shot.version ? shot : detail.shot;
  let versions = detail.versions;
  if (version !== undefined && version.shotId === shot.id) {
    const known = versions.find((v) => v.number === version.number);
    if (!known || known.version <= version.version) {
      versions = [
        ...versions.filter((v) => v.number !== version.number),
        version,
      ].sort((a, b) => a.number - b.number);
    }
  }
  return {
    shot: next,
    versions: versions.filter((v) => v.number <= next.versionCount),
  };
}

/** What a `vfx_update` says happened, in one sentence for people. */
export function describeUpdate(
  update: VfxUpdateData,
  statusLabel: (status: ShotStatus) => string,
): string {
  const { action, shot, version } = update;
  switch (action) {
    case "shot_created":
      return `New shot ${shot.code}.`;
    case "version_submitted":
      return `${
        version?.submittedByName ?? "Someone"
      } submitted v${version?.number} of ${shot.code}: pending review.`;
    case "version_reviewed":
      return version?.review?.decision === "approve"
        ? `${version.review.byName} approved v${version.number} of ${shot.code}.`
        : `${
          version?.review?.byName ?? "Someone"
        } requested changes to v${version?.number} of ${shot.code}.`;
    case "shot_updated":
      return `${shot.code} was updated: ${
        statusLabel(shot.status).toLowerCase()
      }.`;
  }
}

/**
 * The first message per field of an API validation error (`details` is
 * the list of zod issues), with fields renamed for the form:
 * `{bidCents: "bid"}`. Issues without a path go under `form`.
 */
export function fieldErrors(
  details: unknown,
  rename: Record<string, string> = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(details)) return errors;
  for (const issue of details as { path?: unknown[]; message?: string }[]) {
    const key = String(issue?.path?.[0] ?? "form");
    errors[rename[key] ?? key] ??= issue?.message ?? "Check this field";
  }
  return errors;
}

/** What the viewer may do on a shot page now. */
export interface ShotChoices {
  /** The newest version, if any. */
  latest: ShotVersion | undefined;
  /** Whether the review form shows (latest version awaiting review). */
  reviewable: boolean;
  /** Whether the submit form shows. */
  submittable: boolean;
  /** The statuses the viewer may move the shot to. */
  targets: ShotStatus[];
}

/** The forms a shot page shows the viewer, given what they may do. */
export function shotChoices(
  detail: ShotDetail,
  abilities: ShotAbilities,
): ShotChoices {
  const { shot, versions } = detail;
  const latest = versions.find((v) => v.number === shot.versionCount);
  return {
    latest,
    reviewable: abilities.canReview && shot.status === "pending_review" &&
      latest !== undefined && latest.review === null,
    submittable: abilities.submitFrom.includes(shot.status),
    targets: abilities.moves[shot.status] ?? [],
  };
}

/**
 * A refused shot form for people: the fields' messages (renamed as in
 * {@linkcode fieldErrors}) and one message over them.
 */
export function refusal(
  failure: FailureInfo,
  rename: Record<string, string> = {},
): { errors: Record<string, string>; message: string } {
  const errors = failure.error?.code === "validation"
    ? fieldErrors(failure.error.details, rename)
    : {};
  const message = Object.keys(errors).length > 0
    ? "Check the highlighted field."
    : failure.error?.code === "version_conflict"
    ? "Someone changed this shot meanwhile; the page now shows the latest version."
    : failureText(failure, "That did not work");
  return { errors, message };
}

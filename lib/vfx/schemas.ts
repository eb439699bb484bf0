/**
 * Zod schemas of the VFX shot pipeline: stored shots and their versions,
 * request bodies and queries, and the `vfx_update` event data (DESIGN §3, §5).
 * Bids are integer minor units (DESIGN §4), validated by the budget module's
 * {@linkcode AllocationCentsSchema} (0 … MAX_CENTS, no floats, no strings).
 *
 * @module
 */
import { z } from "zod";
import type { Same } from "@/lib/same_type.ts";
import { AllocationCentsSchema } from "@/lib/budget/schemas.ts";
import {
  MAX_DESCRIPTION_CHARS,
  MAX_FRAME,
  MAX_NOTE_CHARS,
  MAX_SHOT_CODE_LENGTH,
  MAX_VENDOR_CHARS,
  type Review,
  REVIEW_DECISIONS,
  type ReviewDecision,
  type Shot,
  SHOT_CODE_PATTERN,
  SHOT_STATUSES,
  type ShotStatus,
  type ShotVersion,
  VFX_ACTIONS,
  type VfxUpdateData,
} from "./shared.ts";

export {
  MAX_FRAME,
  type Review,
  type ReviewDecision,
  type Shot,
  SHOT_CODE_PATTERN,
  SHOT_STATUSES,
  type ShotStatus,
  type ShotVersion,
  VFX_ACTIONS,
  type VfxUpdateData,
};

/** A shot's status. */
export const ShotStatusSchema = z.enum(SHOT_STATUSES);

/**
 * A shot code as sent and stored. Which codes a production accepts is its
 * shot-code pattern (lib/production/shot_code.ts, by default
 * {@linkcode SHOT_CODE_PATTERN}), checked by the service, which knows the
 * production; codes written under an earlier pattern stay readable.
 */
export const ShotCodeSchema = z.string().trim()
  .min(1, "Give the shot a code")
  .max(MAX_SHOT_CODE_LENGTH, `At most ${MAX_SHOT_CODE_LENGTH} characters`);

/** A frame number: a whole number from 0 to {@linkcode MAX_FRAME}. */
export const FrameSchema = z.number({ error: "Give the frame as a number" })
  .int("Frames are whole numbers")
  .min(0, "Frames start at 0")
  .max(MAX_FRAME, `Frames go up to ${MAX_FRAME}`);

/** A shot's description. */
export const ShotDescriptionSchema = z.string().trim().max(
  MAX_DESCRIPTION_CHARS,
  "At most 2,000 characters",
);

/** The vendor (VFX house) a shot is awarded to; may be empty. */
export const ShotVendorSchema = z.string().trim().max(
  MAX_VENDOR_CHARS,
  "At most 200 characters",
);

/** An id of another record (user, asset) or a scene's stable key. */
const RefSchema = z.string().trim().min(1).max(200);

/** Notes on a version, or a reviewer's note. */
export const NoteSchema = z.string().trim().max(
  MAX_NOTE_CHARS,
  "At most 5,000 characters",
);

const base = {
  id: z.string().min(1),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** A shot as stored. `frameOut` is never before `frameIn`. */
export const ShotSchema = z.object({
  ...base,
  code: ShotCodeSchema,
  /**
   * The script scene the shot belongs to, by the scene's stable `key`
   * (lib/script/schemas.ts): the same across drafts, so the link survives a
   * new draft. Null when not linked (and in records from before keys).
   */
  sceneKey: RefSchema.nullable().default(null),
  /**
   * Legacy: the per-draft scene record id that shots stored before they
   * linked by key. Never written any more; the store resolves it to
   * `sceneKey` on read (scene_links.ts) and drops it when the link is edited.
   */
  sceneId: RefSchema.nullable().optional(),
  description: ShotDescriptionSchema,
  /** First frame of the shot, inclusive. */
  frameIn: FrameSchema,
  /** Last frame of the shot, inclusive. */
  frameOut: FrameSchema,
  vendor: ShotVendorSchema,
  /** The vendor's bid, in integer minor units of the production currency. */
  bidCents: AllocationCentsSchema,
  /** The artist working on the shot, or null. */
  assigneeId: RefSchema.nullable(),
  status: ShotStatusSchema,
  /** How many versions were submitted; the latest is number `versionCount`. */
  versionCount: z.number().int().min(0),
}).refine((s) => s.frameOut >= s.frameIn, {
  message: "The out frame cannot be before the in frame",
  path: ["frameOut"],
});

/** The decision of a review. */
export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS);

/** A review of a version, as stored on it. */
export const ReviewSchema = z.object({
  decision: ReviewDecisionSchema,
  note: NoteSchema,
  /** Reviewer id and name at the time. */
  by: z.string().min(1),
  byName: z.string(),
  /** ISO timestamp of the review. */
  at: z.string(),
});

/** A version of a shot (a submitted render), as stored. */
export const ShotVersionSchema = z.object({
  ...base,
  shotId: z.string().min(1),
  /** 1, 2, 3 … per shot, in submission order. */
  number: z.number().int().positive(),
  notes: NoteSchema,
  /** The render in the assets module, or null. */
  assetId: RefSchema.nullable(),
  /** Who submitted it: user id and name at the time. */
  submittedBy: z.string().min(1),
  submittedByName: z.string(),
  /** Null until a director or producer reviews it. */
  review: ReviewSchema.nullable(),
});

const fields = {
  code: ShotCodeSchema,
  sceneKey: RefSchema.nullable(),
  description: ShotDescriptionSchema,
  frameIn: FrameSchema,
  frameOut: FrameSchema,
  vendor: ShotVendorSchema,
  bidCents: AllocationCentsSchema,
  assigneeId: RefSchema.nullable(),
};

const framesInOrder = {
  message: "The out frame cannot be before the in frame",
  path: ["frameOut"],
};

/** `POST /api/vfx/shots` body. A new shot is `not_started`, with no versions. */
export const NewShotSchema = z.object({
  code: fields.code,
  sceneKey: fields.sceneKey.default(null),
  description: fields.description.default(""),
  frameIn: fields.frameIn,
  frameOut: fields.frameOut,
  vendor: fields.vendor.default(""),
  bidCents: fields.bidCents.default(0),
  assigneeId: fields.assigneeId.default(null),
}).strict().refine((s) => s.frameOut >= s.frameIn, framesInOrder);

/** A new shot. */
export type NewShot = z.infer<typeof NewShotSchema>;

/**
 * `PATCH /api/vfx/shots/:id` body: any subset of the fields, at least one.
 * Which fields and status moves an actor may send is the store's decision
 * (status.ts); when only one frame is sent, the store checks it against the
 * stored other one.
 */
export const ShotPatchSchema = z.object({
  code: fields.code.optional(),
  sceneKey: fields.sceneKey.optional(),
  description: fields.description.optional(),
  frameIn: fields.frameIn.optional(),
  frameOut: fields.frameOut.optional(),
  vendor: fields.vendor.optional(),
  bidCents: fields.bidCents.optional(),
  assigneeId: fields.assigneeId.optional(),
  status: ShotStatusSchema.optional(),
}).strict()
  .refine((p) => Object.keys(p).length > 0, "Change at least one field")
  .refine(
    (p) =>
      p.frameIn === undefined || p.frameOut === undefined ||
      p.frameOut >= p.frameIn,
    framesInOrder,
  );

/** A change to a shot. */
export type ShotPatch = z.infer<typeof ShotPatchSchema>;

/** `POST /api/vfx/shots/:id/versions` body. */
export const NewVersionSchema = z.object({
  notes: NoteSchema.default(""),
  assetId: RefSchema.nullable().default(null),
}).strict();

/** A new version. */
export type NewVersion = z.infer<typeof NewVersionSchema>;

/**
 * `PATCH /api/vfx/shots/:id/versions/:n` body: the review. Requesting
 * changes needs a note saying what to change; an approval's note may be empty.
 */
export const ReviewInputSchema = z.object({
  decision: ReviewDecisionSchema,
  note: NoteSchema.default(""),
}).strict().refine(
  (r) => r.decision === "approve" || r.note !== "",
  { message: "Say what needs to change", path: ["note"] },
);

/** A review as sent. */
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/**
 * `GET /api/vfx/shots` query; every filter is exact. `vendor` ignores case
 * and surrounding spaces. Empty values (a filter form's "any") mean no filter.
 */
export const ShotQuerySchema = z.object({
  status: z.preprocess(emptyToUndefined, ShotStatusSchema.optional()),
  assignee: z.preprocess(emptyToUndefined, RefSchema.optional()),
  sceneKey: z.preprocess(emptyToUndefined, RefSchema.optional()),
  vendor: z.preprocess(emptyToUndefined, ShotVendorSchema.optional()),
}).strict();

/** Filters of the shot list. */
export type ShotQuery = z.infer<typeof ShotQuerySchema>;

function emptyToUndefined(value: unknown): unknown {
  return value === "" ? undefined : value;
}

/** The URL's version number `n`: a positive integer, no sign or leading zero. */
export const VersionNumberSchema = z.string()
  .regex(/^[1-9]\d{0,8}$/, "The version number is a whole number from 1")
  .transform(Number);

/**
 * `vfx_update` event data (DESIGN §5): the shot after the change, and for
 * `version_submitted` / `version_reviewed` the version after the change.
 */
export const VfxUpdateDataSchema = z.object({
  action: z.enum(VFX_ACTIONS),
  shot: ShotSchema,
  version: ShotVersionSchema.optional(),
});

// The wire types of shared.ts are written by hand for the browser; these
// fail the type check the moment a schema and its type drift apart.
const sameShot: Same<z.infer<typeof ShotSchema>, Shot> = true;
const sameVersion: Same<z.infer<typeof ShotVersionSchema>, ShotVersion> = true;
const sameReview: Same<z.infer<typeof ReviewSchema>, Review> = true;
const sameEvent: Same<z.infer<typeof VfxUpdateDataSchema>, VfxUpdateData> =
  true;
const sameStatus: Same<z.infer<typeof ShotStatusSchema>, ShotStatus> = true;
void [sameShot, sameVersion, sameReview, sameEvent, sameStatus];

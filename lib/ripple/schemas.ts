/**
 * The ripple's zod schemas, built from shared.ts.
 *
 * @module
 */
import { z } from "zod";
import { RecordRefSchema, RefKeySchema } from "@/lib/links/schemas.ts";
import { RECORD_TYPES } from "@/lib/records/shared.ts";
import type { Same } from "@/lib/same_type.ts";
import {
  type Flag,
  FLAG_STATUSES,
  MAX_NOTE_LENGTH,
  RESOLUTIONS,
  type RippleUpdateData,
  SCENE_IMPACTS,
} from "./shared.ts";

const SnapshotSchema = z.object({
  number: z.string(),
  heading: z.string(),
  eighths: z.number().int().nonnegative(),
});

/** A flag as stored. */
export const FlagSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  scriptId: z.string(),
  draft: z.number().int().positive(),
  sceneKey: z.string(),
  impact: z.enum(SCENE_IMPACTS),
  detail: z.object({
    before: SnapshotSchema,
    after: SnapshotSchema.nullable(),
    castAdded: z.array(z.string()),
    castRemoved: z.array(z.string()),
    diff: z.array(z.object({
      op: z.enum(["same", "added", "removed"]),
      text: z.string(),
    })),
  }),
  record: RecordRefSchema,
  ownerIds: z.array(z.string()),
  status: z.enum(FLAG_STATUSES),
  note: z.string(),
  resolvedBy: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

/** `POST /api/p/:slug/ripple/flags/:id`: how the owner resolves it. */
export const ResolutionSchema = z.object({
  resolution: z.enum(RESOLUTIONS),
  note: z.string().trim().max(MAX_NOTE_LENGTH).default(""),
}).strict().refine(
  (r) => r.resolution !== "dismissed" || r.note !== "",
  { path: ["note"], message: "Say why you dismiss it" },
);

/** `ripple_update` event data. */
export const RippleUpdateDataSchema = z.object({
  action: z.enum(["flagged", "resolved"]),
  scriptId: z.string(),
  draft: z.number().int().positive(),
  flagId: z.string().optional(),
  status: z.enum(FLAG_STATUSES).optional(),
});

const _flag: Same<z.infer<typeof FlagSchema>, Flag> = true;
const _update: Same<z.infer<typeof RippleUpdateDataSchema>, RippleUpdateData> =
  true;

/** `GET /api/p/:slug/ripple` query: `open=1` for open flags only. */
export const RippleQuerySchema = z.object({
  open: z.enum(["0", "1"]).transform((v) => v === "1").optional(),
}).strict();

/** `GET /api/p/:slug/ripple/flagged?type=task`. */
export const FlaggedQuerySchema = z.object({
  type: z.enum(RECORD_TYPES),
}).strict();

/** `GET /api/p/:slug/ripple/flags?record=type:id`: one record's open flags. */
export const RecordFlagsQuerySchema = z.object({
  record: RefKeySchema,
}).strict();

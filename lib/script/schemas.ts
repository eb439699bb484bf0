/**
 * Zod schemas of the script and breakdown module: stored scripts, script
 * versions (drafts) and scenes, request bodies, and the `script_update`
 * event data (DESIGN §3, §5). The vocabulary (categories, statuses, limits)
 * and the wire types come from shared.ts, which islands import without zod;
 * the end of this file checks each schema infers its shared type.
 *
 * @module
 */
import { z } from "zod";
import {
  BREAKDOWN_CATEGORIES,
  type BreakdownCategory,
  type DraftSummary,
  MAX_NOTES_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS_PER_CATEGORY,
  MAX_TITLE_LENGTH,
  normaliseTag,
  type Scene,
  SCENE_CHANGES,
  SCENE_SETTINGS,
  SCENE_STATUSES,
  type SceneElement,
  type ScenePatch,
  type Script,
  SCRIPT_ACTIONS,
  type ScriptUpdateData,
  type ScriptVersion,
  type TagChanges,
} from "./shared.ts";
import type { Same } from "@/lib/same_type.ts";
import { ElementSchema as BreakdownElementSchema } from "@/lib/elements/schemas.ts";

export { MAX_TITLE_LENGTH, SCRIPT_ACTIONS };
export type {
  DraftSummary,
  ImportSummary,
  ReportElement,
  ReportScene,
  Scene,
  SceneElement,
  ScenePatch,
  Script,
  ScriptReports,
  ScriptUpdateData,
  ScriptVersion,
  TagChanges,
} from "./shared.ts";

const base = {
  id: z.string().min(1),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

const Count = z.number().int().min(0);

/** A scene's breakdown status. */
export const SceneStatusSchema = z.enum(SCENE_STATUSES);

/** How a scene compares with the previous draft. */
export const SceneChangeSchema = z.enum(SCENE_CHANGES);

/** A breakdown category name. */
export const BreakdownCategorySchema = z.enum(BREAKDOWN_CATEGORIES);

/** One tag: whitespace collapsed and trimmed, 1–100 characters. */
export const TagSchema = z.string({ error: "A tag is text" })
  .transform(normaliseTag)
  .pipe(
    z.string()
      .min(1, "A tag cannot be empty")
      .max(MAX_TAG_LENGTH, `A tag has at most ${MAX_TAG_LENGTH} characters`),
  );

/** The tags of one category: at most 100. */
export const TagListSchema = z.array(TagSchema).max(
  MAX_TAGS_PER_CATEGORY,
  `At most ${MAX_TAGS_PER_CATEGORY} tags per category`,
);

function byCategory<T extends z.ZodType>(item: T) {
  return Object.fromEntries(
    BREAKDOWN_CATEGORIES.map((c) => [c, item]),
  ) as Record<BreakdownCategory, T>;
}

function partialByCategory<T extends z.ZodType>(item: T) {
  return z.strictObject(
    Object.fromEntries(
      BREAKDOWN_CATEGORIES.map((c) => [c, item.optional()]),
    ) as Record<BreakdownCategory, z.ZodOptional<T>>,
  );
}

/** A stored breakdown: every category present. */
export const BreakdownSchema = z.strictObject(byCategory(TagListSchema));

/** Scene notes: at most 5,000 characters. */
export const NotesSchema = z.string().trim().max(
  MAX_NOTES_LENGTH,
  `At most ${MAX_NOTES_LENGTH.toLocaleString("en")} characters`,
);

/** One screenplay element, exactly as the Fountain parser returns it. */
export const ElementSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("scene_heading"),
    text: z.string(),
    number: z.string().nullable(),
  }),
  z.object({
    type: z.literal("action"),
    text: z.string(),
    centered: z.boolean().optional(),
  }),
  z.object({
    type: z.literal("character"),
    name: z.string(),
    extension: z.string().nullable(),
    dual: z.boolean(),
  }),
  z.object({ type: z.literal("parenthetical"), text: z.string() }),
  z.object({ type: z.literal("dialogue"), text: z.string() }),
  z.object({ type: z.literal("transition"), text: z.string() }),
  z.object({ type: z.literal("page_break") }),
  z.object({ type: z.literal("lyrics"), text: z.string() }),
]);

/** A scene heading's setting. */
export const SettingSchema = z.enum(SCENE_SETTINGS);

/** What a new draft changed, in scenes. */
export const DraftSummarySchema = z.object({
  added: Count,
  removed: Count,
  changed: Count,
  unchanged: Count,
});

/**
 * A script as stored. It is the pointer to the current draft: an import
 * becomes visible when `currentVersion` moves to it (see store.ts).
 */
export const ScriptSchema = z.object({
  ...base,
  title: z.string().min(1).max(MAX_TITLE_LENGTH),
  /** The number of the current draft (1, 2, …). */
  currentVersion: z.number().int().positive(),
  /** Scenes in the current draft, not counting the ones it removed. */
  sceneCount: Count,
  /** Page eighths of those scenes. */
  eighths: Count,
  /** Who imported the first draft: id and name at the time. */
  createdBy: z.string().min(1),
  createdByName: z.string(),
});

/** One draft of a script, as stored (read-only once written). */
export const ScriptVersionSchema = z.object({
  ...base,
  scriptId: z.string().min(1),
  /** 1, 2, 3 … per script, in import order. */
  number: z.number().int().positive(),
  /** The import that wrote this draft's scenes (their `importId`). */
  importId: z.string().min(1),
  /** The title page's `Title:`, or null. */
  titlePageTitle: z.string().nullable(),
  /** The title page (keys lower-cased), values cut to 500 characters. */
  titlePage: z.record(z.string(), z.string()),
  /** SHA-256 hex of the Fountain source as uploaded. */
  sourceHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The source's size in UTF-8 bytes. */
  sourceBytes: Count,
  /** Scenes in the draft, not counting the ones it removed. */
  sceneCount: Count,
  eighths: Count,
  uploadedBy: z.string().min(1),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
  /** The parser's warnings (best-effort parsing), each cut to 500 characters. */
  warnings: z.array(z.string()),
  /** Against the previous draft; all `added` for draft 1. */
  summary: DraftSummarySchema,
});

/** A scene of one draft, with its breakdown, as stored. */
export const SceneSchema = z.object({
  ...base,
  scriptId: z.string().min(1),
  /** The draft (script version number) this record belongs to. */
  draftVersion: z.number().int().positive(),
  /** The import that wrote it; equals its draft's `importId`. */
  importId: z.string().min(1),
  /**
   * Identity of the scene across drafts: a matched scene keeps its key
   * (see diff.ts for the matching).
   */
  key: z.string().min(1),
  /** The same scene's record in the previous draft, or null when added. */
  previousId: z.string().nullable(),
  /** Order in the draft's scene list, removed scenes included, from 0. */
  position: Count,
  /** The parser's 0-based order (for a removed scene: in the previous draft). */
  index: Count,
  /** The `#n#` scene number, or null. */
  number: z.string().nullable(),
  heading: z.string(),
  setting: SettingSchema.nullable(),
  location: z.string(),
  timeOfDay: z.string().nullable(),
  /** Speaking characters, as the parser found them. */
  characters: z.array(z.string()),
  /** Estimated length in eighths of a page, ≥ 1. */
  eighths: z.number().int().min(1),
  /** SHA-256 hex of the scene's normalised text (the parser's). */
  hash: z.string(),
  /** The scene's body as screenplay elements, for the reading view. */
  text: z.array(ElementSchema),
  status: SceneStatusSchema,
  change: SceneChangeSchema,
  /** A changed scene whose breakdown had been approved: look at it again. */
  needsReview: z.boolean(),
  notes: NotesSchema,
  breakdown: BreakdownSchema,
  approvedBy: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
});

const SourceSchema = z.string({ error: "Send the script as Fountain text" })
  .refine((s) => s.trim() !== "", "The script is empty");

const TitleSchema = z.string().trim().min(1, "Give the script a title").max(
  MAX_TITLE_LENGTH,
  `At most ${MAX_TITLE_LENGTH} characters`,
);

/**
 * `POST /api/scripts` body: the Fountain source and a title (when left out,
 * the title page's `Title:` is used).
 */
export const NewScriptSchema = z.strictObject({
  title: TitleSchema.optional(),
  source: SourceSchema,
});

/** A new script. */
export type NewScript = z.infer<typeof NewScriptSchema>;

/** `POST /api/scripts/:id/versions` body: the new draft's source. */
export const NewDraftSchema = z.strictObject({
  source: SourceSchema,
});

/** A new draft. */
export type NewDraft = z.infer<typeof NewDraftSchema>;

/** Tags per category, for a patch. */
export const TagChangesSchema = partialByCategory(TagListSchema);

/**
 * `PATCH /api/scripts/:id/scenes/:sceneId` body, at least one field:
 * `breakdown` replaces the listed categories' tags, `add` and `remove` add
 * or remove single tags (case-insensitive; safe when two people tag one
 * scene at once), applied in that order; `notes` replaces the notes;
 * `status` moves the scene (see scenes.ts for who may move it where).
 */
export const ScenePatchSchema = z.strictObject({
  status: SceneStatusSchema.optional(),
  notes: NotesSchema.optional(),
  breakdown: TagChangesSchema.optional(),
  add: TagChangesSchema.optional(),
  remove: TagChangesSchema.optional(),
}).refine(
  (p) => Object.values(p).some((v) => v !== undefined),
  "Change at least one field",
);

/** The `?version=n` query of `GET /api/scripts/:id`. */
export const ScriptQuerySchema = z.strictObject({
  version: z.string()
    .regex(/^[1-9]\d{0,8}$/, "The version is a whole number from 1")
    .transform(Number)
    .optional(),
});

/**
 * `script_update` event data (DESIGN §5). One event per import (a new
 * script or a new draft: the script, the draft and the scene counts, not
 * the scenes — clients reload the script), one per scene update (the
 * scene after the change), one per element renamed or merged.
 */
export const ScriptUpdateDataSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("imported"),
    script: ScriptSchema,
    version: ScriptVersionSchema,
    summary: DraftSummarySchema.extend({ scenes: Count }),
  }),
  z.object({
    action: z.literal("scene_updated"),
    scene: SceneSchema,
  }),
  z.object({
    action: z.literal("element_renamed"),
    element: BreakdownElementSchema,
    previousName: z.string(),
  }),
  z.object({
    action: z.literal("element_merged"),
    element: BreakdownElementSchema,
    merged: BreakdownElementSchema,
  }),
]);

// shared.ts writes the wire types by hand for the browser; these fail the
// type check the moment a schema and its type drift apart.
const sameScript: Same<z.infer<typeof ScriptSchema>, Script> = true;
const sameVersion: Same<z.infer<typeof ScriptVersionSchema>, ScriptVersion> =
  true;
const sameSummary: Same<z.infer<typeof DraftSummarySchema>, DraftSummary> =
  true;
const sameScene: Same<z.infer<typeof SceneSchema>, Scene> = true;
const sameElement: Same<z.infer<typeof ElementSchema>, SceneElement> = true;
const sameTags: Same<z.infer<typeof TagChangesSchema>, TagChanges> = true;
const samePatch: Same<z.infer<typeof ScenePatchSchema>, ScenePatch> = true;
const sameEvent: Same<
  z.infer<typeof ScriptUpdateDataSchema>,
  ScriptUpdateData
> = true;
void [
  sameScript,
  sameVersion,
  sameSummary,
  sameScene,
  sameElement,
  sameTags,
  samePatch,
  sameEvent,
];

/**
 * Zod schemas of breakdown elements: the stored record, the rename and
 * merge bodies, the list query. Built from shared.ts (which islands import
 * without zod); the end of this file checks each schema infers its shared
 * type. Nothing here imports lib/script/schemas.ts, which builds the
 * `script_update` event data from {@linkcode ElementSchema}.
 *
 * @module
 */
import { z } from "zod";
import type { Same } from "@/lib/same_type.ts";
import { MAX_TAG_LENGTH, normaliseTag } from "@/lib/script/breakdown.ts";
import { type Element, ELEMENT_CATEGORIES } from "./shared.ts";

export type { Element, ElementDetail, ElementMerge } from "./shared.ts";

/** A category that has elements (every breakdown category but notes). */
export const ElementCategorySchema = z.enum(ELEMENT_CATEGORIES);

/** An element's name: a tag, whitespace collapsed, 1–100 characters. */
export const ElementNameSchema = z.string({ error: "The name is text" })
  .transform(normaliseTag)
  .pipe(
    z.string()
      .min(1, "Give the element a name")
      .max(MAX_TAG_LENGTH, `At most ${MAX_TAG_LENGTH} characters`),
  );

/** An element as stored. */
export const ElementSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  category: ElementCategorySchema,
  name: z.string().min(1).max(MAX_TAG_LENGTH),
  key: z.string().min(1),
  castNumber: z.number().int().positive().nullable(),
  createdBy: z.string().min(1),
  createdByName: z.string(),
});

/** `PATCH /api/p/:slug/elements/:id` body: the new name. */
export const ElementRenameSchema = z.strictObject({ name: ElementNameSchema });

/** A rename. */
export type ElementRename = z.infer<typeof ElementRenameSchema>;

/** `POST /api/p/:slug/elements/:id/merge` body: the element to merge into. */
export const ElementMergeSchema = z.strictObject({
  into: z.string({ error: "Name the element to merge into" }).min(
    1,
    "Name the element to merge into",
  ).max(128),
});

/** A merge. */
export type ElementMergeInput = z.infer<typeof ElementMergeSchema>;

/** `GET /api/p/:slug/elements` query: `?category=` narrows the list. */
export const ElementQuerySchema = z.strictObject({
  category: ElementCategorySchema.optional(),
});

/** The list's filters. */
export type ElementQuery = z.infer<typeof ElementQuerySchema>;

// shared.ts writes the wire type by hand for the browser; this fails the
// type check the moment the schema and the type drift apart.
const sameElement: Same<z.infer<typeof ElementSchema>, Element> = true;
void sameElement;

/**
 * The comments module's zod schemas, built from shared.ts. Record
 * references and cards share the links module's schemas: one wire shape
 * for a record everywhere.
 *
 * @module
 */
import { z } from "zod";
import {
  RecordCardSchema,
  RecordRefSchema,
  RefKeySchema,
} from "@/lib/links/schemas.ts";
import type { Same } from "@/lib/same_type.ts";
import {
  type Comment,
  COMMENT_ACTIONS,
  type CommentUpdateData,
  MAX_COMMENT_CHARS,
} from "./shared.ts";

/** A comment's text: trimmed, 1–4,000 characters. */
export const CommentBodySchema = z.string().trim()
  .min(1, "Write something first")
  .max(
    MAX_COMMENT_CHARS,
    `A comment holds at most ${MAX_COMMENT_CHARS} characters`,
  );

/** A comment as stored. */
export const CommentSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  target: RecordRefSchema,
  authorId: z.string(),
  authorName: z.string(),
  body: z.string().max(MAX_COMMENT_CHARS),
  mentions: z.array(z.string()).max(100),
  editedAt: z.string().nullable(),
});

/** `POST /api/p/:slug/comments`. */
export const NewCommentSchema = z.object({
  record: RefKeySchema,
  body: CommentBodySchema,
}).strict();

/** `PATCH /api/p/:slug/comments/:id`. */
export const CommentPatchSchema = z.object({ body: CommentBodySchema })
  .strict();

/** `GET /api/p/:slug/comments` (and `/comments/people`) query. */
export const CommentQuerySchema = z.object({ record: RefKeySchema }).strict();

/** `comment_update` event data. */
export const CommentUpdateDataSchema = z.object({
  action: z.enum(COMMENT_ACTIONS),
  comment: CommentSchema,
  target: RecordCardSchema,
});

const _comment: Same<z.infer<typeof CommentSchema>, Comment> = true;
const _update: Same<
  z.infer<typeof CommentUpdateDataSchema>,
  CommentUpdateData
> = true;

/**
 * The links module's zod schemas, built from shared.ts.
 *
 * @module
 */
import { z } from "zod";
import type { Same } from "@/lib/same_type.ts";
import {
  parseRefKey,
  RECORD_TYPES,
  type RecordRef,
  REF_ID,
} from "@/lib/records/shared.ts";
import { type Link, LINK_ACTIONS, type LinkUpdateData } from "./shared.ts";

/** A record reference as stored: `{type, id}`. */
export const RecordRefSchema = z.object({
  type: z.enum(RECORD_TYPES),
  id: z.string().regex(REF_ID, "Not a record id"),
});

/** A record reference as a request names it: `"task:<id>"`. */
export const RefKeySchema = z.string().max(200).transform((value, ctx) => {
  const ref = parseRefKey(value);
  if (ref === null) {
    ctx.addIssue({
      code: "custom",
      message: "Name a record as type:id, e.g. task:1234",
    });
    return z.NEVER;
  }
  return ref;
});

/** A link as stored. */
export const LinkSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  from: RecordRefSchema,
  to: RecordRefSchema,
  createdBy: z.string(),
  createdByName: z.string(),
});

/** `POST /api/p/:slug/links`. */
export const LinkInputSchema = z.object({
  from: RefKeySchema,
  to: RefKeySchema,
}).strict();

/** `GET /api/p/:slug/links` query. */
export const LinkQuerySchema = z.object({ record: RefKeySchema }).strict();

const _linkShape: Same<z.infer<typeof LinkSchema>, Link> = true;
const _refShape: Same<z.infer<typeof RecordRefSchema>, RecordRef> = true;

/** A record as a link event shows it. */
export const RecordCardSchema = z.object({
  ref: RecordRefSchema,
  title: z.string(),
  detail: z.string(),
  href: z.string(),
});

/** `link_update` event data. */
export const LinkUpdateDataSchema = z.object({
  action: z.enum(LINK_ACTIONS),
  link: z.object({
    id: z.string(),
    from: RecordCardSchema,
    to: RecordCardSchema,
  }),
});

const _updateShape: Same<
  z.infer<typeof LinkUpdateDataSchema>,
  LinkUpdateData
> = true;

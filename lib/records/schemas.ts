/**
 * The records vocabulary's zod schemas, built from shared.ts.
 *
 * @module
 */
import { z } from "zod";
import { MAX_SEARCH_TEXT, RECORD_TYPES } from "./shared.ts";

/** `GET /api/p/:slug/records` query: a kind of record and a text. */
export const RecordSearchQuerySchema = z.object({
  type: z.enum(RECORD_TYPES),
  q: z.string().max(MAX_SEARCH_TEXT).default(""),
}).strict();

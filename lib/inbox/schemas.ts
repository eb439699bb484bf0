/**
 * The inbox's zod schemas, built from shared.ts.
 *
 * @module
 */
import { z } from "zod";
import { RecordRefSchema } from "@/lib/links/schemas.ts";
import type { Same } from "@/lib/same_type.ts";
import {
  INBOX_KINDS,
  type InboxItem,
  type InboxUpdateData,
  MAX_ITEM_BODY,
  MAX_ITEM_TITLE,
} from "./shared.ts";

/**
 * An item id: the creation time in base 36 (10 digits), the item's place
 * in its commit (2 digits), then 8 random hex digits.
 */
export const ITEM_ID = /^[0-9a-z]{12}-[0-9a-f]{8}$/;

/** An inbox item as stored. */
export const InboxItemSchema = z.object({
  id: z.string().regex(ITEM_ID),
  userId: z.string(),
  kind: z.enum(INBOX_KINDS),
  title: z.string().max(MAX_ITEM_TITLE),
  body: z.string().max(MAX_ITEM_BODY),
  href: z.string().startsWith("/").max(500),
  ref: RecordRefSchema.nullable(),
  actorName: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** `GET /api/p/:slug/inbox` query. */
export const InboxQuerySchema = z.object({
  unread: z.enum(["1", "0", "true", "false"]).optional()
    .transform((v) => v === "1" || v === "true"),
  cursor: z.string().regex(ITEM_ID, "Not an inbox cursor").optional(),
}).strict();

/** `inbox_update` event data. */
export const InboxUpdateDataSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("added"), item: InboxItemSchema }),
  z.object({ action: z.literal("read"), id: z.string() }),
  z.object({ action: z.literal("read_all") }),
]);

const _item: Same<z.infer<typeof InboxItemSchema>, InboxItem> = true;
const _update: Same<z.infer<typeof InboxUpdateDataSchema>, InboxUpdateData> =
  true;

/**
 * Comments in KV: `["comments", id]`, indexed by the record they are on
 * and their time, so a thread is one bounded index list in order.
 *
 * @module
 */
import type { RecordRef } from "@/lib/records/shared.ts";
import { Repository } from "@/lib/store/repository.ts";
import { CommentSchema } from "./schemas.ts";
import { type Comment, MAX_THREAD_COMMENTS } from "./shared.ts";

/** Every comment of the production. */
export const comments = new Repository<Comment>({
  name: "comments",
  schema: CommentSchema,
  indexes: [{
    name: "target",
    key: (c) => [c.target.type, c.target.id, c.createdAt],
  }],
});

/** The fields a comment's history reports. */
export const COMMENT_HISTORY_FIELDS = ["body", "mentions"];

/** The newest comments on `ref` (at most 500), oldest first. */
export async function threadOf(
  kv: Deno.Kv,
  ref: RecordRef,
): Promise<Comment[]> {
  const newest = await comments.listByIndex(kv, "target", {
    prefix: [ref.type, ref.id],
    reverse: true,
    limit: MAX_THREAD_COMMENTS,
  });
  return newest.reverse();
}

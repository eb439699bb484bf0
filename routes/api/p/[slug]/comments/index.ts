import { parseWith, readJson } from "@/lib/http/body.ts";
import {
  CommentQuerySchema,
  NewCommentSchema,
} from "@/lib/comments/schemas.ts";
import { createComment, listComments } from "@/lib/comments/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const { record } = parseWith(
      CommentQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listComments(serviceContextOf(ctx), record));
  },
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const { record, body } = await readJson(ctx.req, NewCommentSchema);
    return ctx.json(await createComment(cx, record, body), { status: 201 });
  },
});

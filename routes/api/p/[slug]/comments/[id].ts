import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { CommentPatchSchema } from "@/lib/comments/schemas.ts";
import { deleteComment, editComment } from "@/lib/comments/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async PATCH(ctx) {
    const cx = serviceContextOf(ctx);
    const { body } = await readJson(ctx.req, CommentPatchSchema);
    const version = ifMatchVersion(ctx.req);
    return ctx.json(await editComment(cx, ctx.params.id, body, version));
  },
  async DELETE(ctx) {
    const cx = serviceContextOf(ctx);
    await deleteComment(cx, ctx.params.id, ifMatchVersion(ctx.req));
    return new Response(null, { status: 204 });
  },
});

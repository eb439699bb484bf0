import { parseWith } from "@/lib/http/body.ts";
import { CommentQuerySchema } from "@/lib/comments/schemas.ts";
import { mentionableOn } from "@/lib/comments/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

/** Who may be mentioned on a record: the members who may see it. */
export const handler = define.handlers({
  async GET(ctx) {
    const { record } = parseWith(
      CommentQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await mentionableOn(serviceContextOf(ctx), record));
  },
});

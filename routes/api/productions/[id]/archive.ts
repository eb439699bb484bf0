import { setArchived } from "@/lib/studio/production_service.ts";
import { adminContextOf } from "@/server/studio_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Archives a production (studio admins): read-only from now on. */
  async POST(ctx) {
    const cx = adminContextOf(ctx);
    return ctx.json(await setArchived(cx, ctx.params.id, true));
  },
});

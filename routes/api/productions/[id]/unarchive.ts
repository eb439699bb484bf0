import { setArchived } from "@/lib/studio/production_service.ts";
import { adminContextOf } from "@/server/studio_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Brings an archived production back (studio admins): writable again. */
  async POST(ctx) {
    const cx = adminContextOf(ctx);
    return ctx.json(await setArchived(cx, ctx.params.id, false));
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";
import { HistoryQuerySchema } from "@/lib/store/history.ts";
import { shotHistory } from "@/lib/vfx/service.ts";

export const handler = define.handlers({
  /**
   * The shot's change history, newest first: `{entries, nextCursor}`
   * (`?limit=&cursor=`). Same rule as the shot: 403 for roles that do not
   * see VFX, 404 for a shot that does not exist.
   */
  async GET(ctx) {
    requirePermission(ctx, "vfx", "read");
    const query = parseWith(
      HistoryQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(
      await shotHistory(serviceContextOf(ctx), ctx.params.id, query),
    );
  },
});

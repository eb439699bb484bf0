import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { sceneHistory } from "@/lib/script/service.ts";
import { HistoryQuerySchema } from "@/lib/store/history.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * The scene's change history (breakdown, notes, status; who approved),
   * newest first: `{entries, nextCursor}` (`?limit=&cursor=`). Same rule as
   * the scene: 403 for roles that do not read scripts, else 404.
   */
  async GET(ctx) {
    requirePermission(ctx, "script", "read");
    const query = parseWith(
      HistoryQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(
      await sceneHistory(
        serviceContextOf(ctx),
        ctx.params.id,
        ctx.params.sceneId,
        query,
      ),
    );
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { getScene, scenes } from "@/lib/script/script_store.ts";
import { define } from "@/server/state.ts";
import { HistoryQuerySchema, readHistory } from "@/lib/store/history.ts";

export const handler = define.handlers({
  /**
   * The scene's change history (breakdown, notes, status; who approved),
   * newest first: `{entries, nextCursor}` (`?limit=&cursor=`). Same rule as
   * the scene: 403 for roles that do not read scripts, else 404.
   */
  async GET(ctx) {
    const user = requirePermission(ctx, "script", "read");
    const query = parseWith(
      HistoryQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    const { kv } = ctx.state.services;
    await getScene(kv, user, ctx.params.id, ctx.params.sceneId);
    return ctx.json(
      await readHistory(kv, scenes.name, ctx.params.sceneId, query),
    );
  },
});

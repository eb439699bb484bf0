import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { define } from "@/server/state.ts";
import { HistoryQuerySchema, readHistory } from "@/lib/store/history.ts";
import { shots } from "@/lib/vfx/vfx_store.ts";

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
    const { kv } = ctx.state.services;
    if ((await shots.get(kv, ctx.params.id)) === null) {
      throw new ApiError(
        404,
        "not_found",
        `No VFX shot with id ${ctx.params.id}`,
      );
    }
    return ctx.json(await readHistory(kv, shots.name, ctx.params.id, query));
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { getReports } from "@/lib/script/script_store.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * Reports of the current draft (omitted scenes left out): `byLocation`
   * (sets A–Z with their scenes and eighths), `characters` (cast, most
   * scenes first) and `totals`.
   */
  async GET(ctx) {
    const user = requirePermission(ctx, "script", "read");
    return ctx.json(
      await getReports(ctx.state.services.kv, user, ctx.params.id),
    );
  },
});

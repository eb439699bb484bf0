import { requirePermission } from "@/server/auth_middleware.ts";
import { getReports } from "@/lib/script/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * Reports of the current draft (omitted scenes left out): `byLocation`
   * (sets A–Z with their scenes and eighths), `characters` (cast, most
   * scenes first) and `totals`.
   */
  async GET(ctx) {
    requirePermission(ctx, "script", "read");
    return ctx.json(await getReports(serviceContextOf(ctx), ctx.params.id));
  },
});

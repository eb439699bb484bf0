import { requireUser } from "@/server/auth_middleware.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { canSeeReports, productionSummary } from "@/lib/reports.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx);
    if (!canSeeReports(user)) {
      throw new ApiError(403, "forbidden", "Reports are for management");
    }
    return ctx.json(await productionSummary(ctx.state.services.kv, user));
  },
});

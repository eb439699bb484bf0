import { requireUser } from "@/server/auth_middleware.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { canOpen } from "@/lib/policy.ts";
import { productionSummary } from "@/lib/reports.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx);
    if (!canOpen(user.role, "reports")) {
      throw new ApiError(403, "forbidden", "Reports are for management");
    }
    return ctx.json(await productionSummary(ctx.state.kv, user));
  },
});

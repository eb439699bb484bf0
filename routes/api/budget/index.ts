import { requirePermission } from "@/server/auth_middleware.ts";
import { listBudget } from "@/lib/budget/budget_store.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The budget: `{currency, categories, totals}` (DESIGN §4). */
  async GET(ctx) {
    requirePermission(ctx, "budget", "read");
    return ctx.json(await listBudget(ctx.state.services.kv));
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { deleteExpense } from "@/lib/budget/budget_store.ts";
import { ifMatchVersion } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Deletes an expense and lowers its category's spend; 204. */
  async DELETE(ctx) {
    const actor = requirePermission(ctx, "budget", "write");
    const ifVersion = ifMatchVersion(ctx.req);
    await deleteExpense(ctx.state.services.kv, actor, ctx.params.id, ifVersion);
    return new Response(null, { status: 204 });
  },
});

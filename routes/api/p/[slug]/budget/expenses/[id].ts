import { requirePermission } from "@/server/auth_middleware.ts";
import { deleteExpense } from "@/lib/budget/service.ts";
import { ifMatchVersion } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Deletes an expense and lowers its category's spend; 204. */
  async DELETE(ctx) {
    // A role that may not write is refused before its version is read.
    requirePermission(ctx, "budget", "write");
    const ifVersion = ifMatchVersion(ctx.req);
    await deleteExpense(serviceContextOf(ctx), ctx.params.id, ifVersion);
    return new Response(null, { status: 204 });
  },
});

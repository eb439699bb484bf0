import { requireUser } from "@/server/auth_middleware.ts";
import { toDecimal } from "@/lib/budget/money.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { canOpen } from "@/lib/policy.ts";
import { productionSummary, tableCsv } from "@/lib/reports.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx);
    if (!canOpen(user.role, "reports")) {
      throw new ApiError(403, "forbidden", "Reports are for management");
    }
    const summary = await productionSummary(ctx.state.kv, user);
    const table = summary.tables.find((t) => t.id === ctx.params.table);
    if (!table) throw new ApiError(404, "not_found", "No such report");
    const body = tableCsv(
      table,
      (cents) => toDecimal(cents, table.currency ?? "EUR"),
    );
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${table.id}.csv"`,
      },
    });
  },
});

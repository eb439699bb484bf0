import { csvFilename } from "@/lib/budget/csv.ts";
import { exportBudgetCsv } from "@/lib/budget/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The budget as a CSV download (`budget-YYYY-MM-DD.csv`). */
  async GET(ctx) {
    const csv = await exportBudgetCsv(serviceContextOf(ctx));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvFilename()}"`,
      },
    });
  },
});

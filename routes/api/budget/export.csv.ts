import { requirePermission } from "@/server/auth_middleware.ts";
import {
  budgetCurrency,
  categories,
  expenses,
} from "@/lib/budget/budget_store.ts";
import { budgetCsv, csvFilename } from "@/lib/budget/csv.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The budget as a CSV download (`budget-YYYY-MM-DD.csv`). */
  async GET(ctx) {
    requirePermission(ctx, "budget", "read");
    const { kv } = ctx.state.services;
    const [currency, allCategories, allExpenses] = await Promise.all([
      budgetCurrency(kv),
      categories.list(kv),
      expenses.list(kv),
    ]);
    const csv = budgetCsv({
      currency,
      categories: allCategories,
      expenses: allExpenses,
    });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvFilename()}"`,
      },
    });
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { createExpense, toCategoryView } from "@/lib/budget/budget_store.ts";
import { listExpensePage } from "@/lib/budget/expense_list.ts";
import { ExpenseQuerySchema, NewExpenseSchema } from "@/lib/budget/schemas.ts";
import { parseWith, readJson } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * One page of expenses, `{expenses, nextCursor}`: newest booked first
   * unless `?sort=recorded|date|amount|category&order=asc|desc`;
   * `?categoryId=` narrows to one category; `?limit=` (1–200, default 50)
   * and `?cursor=` (the previous page's `nextCursor`) page through.
   */
  async GET(ctx) {
    requirePermission(ctx, "budget", "read");
    const query = parseWith(
      ExpenseQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listExpensePage(ctx.state.services.kv, query));
  },
  /**
   * Books an expense; 201 with `{expense, category, alert?}`: the category
   * as `GET /api/budget` lists it after the booking.
   */
  async POST(ctx) {
    const actor = requirePermission(ctx, "budget", "write");
    const input = await readJson(ctx.req, NewExpenseSchema);
    const { expense, category, alert } = await createExpense(
      ctx.state.services.kv,
      actor,
      input,
    );
    return ctx.json(
      { expense, category: toCategoryView(category), ...(alert && { alert }) },
      { status: 201 },
    );
  },
});

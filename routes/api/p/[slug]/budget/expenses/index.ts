import { requirePermission } from "@/server/auth_middleware.ts";
import { toCategoryView } from "@/lib/budget/money.ts";
import { ExpenseQuerySchema, NewExpenseSchema } from "@/lib/budget/schemas.ts";
import { createExpense, listExpenses } from "@/lib/budget/service.ts";
import { parseWith, readJson } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * One page of expenses, `{expenses, nextCursor}`: newest booked first
   * unless `?sort=recorded|date|amount|category&order=asc|desc`;
   * `?categoryId=` narrows to one category; `?limit=` (1–200, default 50)
   * and `?cursor=` (the previous page's `nextCursor`) page through.
   */
  async GET(ctx) {
    // A role that may not read is refused before its query is read.
    requirePermission(ctx, "budget", "read");
    const query = parseWith(
      ExpenseQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listExpenses(serviceContextOf(ctx), query));
  },
  /**
   * Books an expense; 201 with `{expense, category, alert?}`: the category
   * as `GET /api/budget` lists it after the booking.
   */
  async POST(ctx) {
    requirePermission(ctx, "budget", "write");
    const input = await readJson(ctx.req, NewExpenseSchema);
    const { expense, category, alert } = await createExpense(
      serviceContextOf(ctx),
      input,
    );
    return ctx.json(
      { expense, category: toCategoryView(category), ...(alert && { alert }) },
      { status: 201 },
    );
  },
});

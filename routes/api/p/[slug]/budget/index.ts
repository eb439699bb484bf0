import { getBudget } from "@/lib/budget/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The budget: `{currency, categories, totals}` (DESIGN §4). */
  async GET(ctx) {
    return ctx.json(await getBudget(serviceContextOf(ctx)));
  },
});

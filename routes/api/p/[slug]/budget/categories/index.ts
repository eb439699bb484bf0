import { requirePermission } from "@/server/auth_middleware.ts";
import { toCategoryView } from "@/lib/budget/money.ts";
import { NewCategorySchema } from "@/lib/budget/schemas.ts";
import { createCategory } from "@/lib/budget/service.ts";
import { readJson } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Adds a category; 201 with it as `GET /api/budget` lists it. */
  async POST(ctx) {
    // A role that may not write is refused before its body is read.
    requirePermission(ctx, "budget", "write");
    const input = await readJson(ctx.req, NewCategorySchema);
    const created = await createCategory(serviceContextOf(ctx), input);
    return ctx.json(toCategoryView(created), { status: 201 });
  },
});

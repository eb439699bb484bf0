import { requirePermission } from "@/server/auth_middleware.ts";
import { createCategory, toCategoryView } from "@/lib/budget/budget_store.ts";
import { NewCategorySchema } from "@/lib/budget/schemas.ts";
import { readJson } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Adds a category; 201 with it as `GET /api/budget` lists it. */
  async POST(ctx) {
    const actor = requirePermission(ctx, "budget", "write");
    const input = await readJson(ctx.req, NewCategorySchema);
    const created = await createCategory(ctx.state.services.kv, actor, input);
    return ctx.json(toCategoryView(created), { status: 201 });
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import {
  deleteCategory,
  toCategoryView,
  updateCategory,
} from "@/lib/budget/budget_store.ts";
import { CategoryPatchSchema } from "@/lib/budget/schemas.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Changes name, code, section or allocation; optional `If-Match`. */
  async PATCH(ctx) {
    const actor = requirePermission(ctx, "budget", "write");
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, CategoryPatchSchema);
    const updated = await updateCategory(
      ctx.state.services.kv,
      actor,
      ctx.params.id,
      patch,
      ifVersion,
    );
    return ctx.json(toCategoryView(updated));
  },
  /** Deletes a category without expenses; optional `If-Match`; 204. */
  async DELETE(ctx) {
    const actor = requirePermission(ctx, "budget", "write");
    const ifVersion = ifMatchVersion(ctx.req);
    await deleteCategory(
      ctx.state.services.kv,
      actor,
      ctx.params.id,
      ifVersion,
    );
    return new Response(null, { status: 204 });
  },
});

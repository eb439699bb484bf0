import { requirePermission } from "@/server/auth_middleware.ts";
import { toCategoryView } from "@/lib/budget/money.ts";
import { CategoryPatchSchema } from "@/lib/budget/schemas.ts";
import { deleteCategory, updateCategory } from "@/lib/budget/service.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Changes name, code, section or allocation; optional `If-Match`. */
  async PATCH(ctx) {
    // A role that may not write is refused before its body is read.
    requirePermission(ctx, "budget", "write");
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, CategoryPatchSchema);
    const updated = await updateCategory(
      serviceContextOf(ctx),
      ctx.params.id,
      patch,
      ifVersion,
    );
    return ctx.json(toCategoryView(updated));
  },
  /** Deletes a category without expenses; optional `If-Match`; 204. */
  async DELETE(ctx) {
    requirePermission(ctx, "budget", "write");
    const ifVersion = ifMatchVersion(ctx.req);
    await deleteCategory(serviceContextOf(ctx), ctx.params.id, ifVersion);
    return new Response(null, { status: 204 });
  },
});

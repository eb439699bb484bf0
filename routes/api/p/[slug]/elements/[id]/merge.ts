import { requirePermission } from "@/server/auth_middleware.ts";
import { readJson } from "@/lib/http/body.ts";
import { ElementMergeSchema } from "@/lib/elements/schemas.ts";
import { mergeElement } from "@/lib/elements/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * Merges this element into another of its category: `{into}` → `{from,
   * into}` (the element merged away, the one it became). 400 for another
   * category or itself.
   */
  async POST(ctx) {
    requirePermission(ctx, "script", "write");
    const cx = serviceContextOf(ctx);
    const input = await readJson(ctx.req, ElementMergeSchema);
    return ctx.json(await mergeElement(cx, ctx.params.id, input));
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { ElementQuerySchema } from "@/lib/elements/schemas.ts";
import { listElementSummaries } from "@/lib/elements/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * Every breakdown element with its scene count and eighths in the
   * current drafts, by category, then cast number, then name;
   * `?category=` narrows it to one category.
   */
  async GET(ctx) {
    requirePermission(ctx, "script", "read");
    const query = parseWith(
      ElementQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listElementSummaries(serviceContextOf(ctx), query));
  },
});

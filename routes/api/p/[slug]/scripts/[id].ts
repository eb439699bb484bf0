import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { ScriptQuerySchema } from "@/lib/script/schemas.ts";
import { getScript } from "@/lib/script/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * `{script, version, versions, scenes}`: the current draft's scenes with
   * their breakdowns, in order; `?version=n` shows an earlier draft
   * (read-only history).
   */
  async GET(ctx) {
    requirePermission(ctx, "script", "read");
    const query = parseWith(
      ScriptQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(
      await getScript(serviceContextOf(ctx), ctx.params.id, query.version),
    );
  },
});

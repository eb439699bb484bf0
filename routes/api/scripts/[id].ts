import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { ScriptQuerySchema } from "@/lib/script/schemas.ts";
import { getScript } from "@/lib/script/script_store.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * `{script, version, versions, scenes}`: the current draft's scenes with
   * their breakdowns, in order; `?version=n` shows an earlier draft
   * (read-only history).
   */
  async GET(ctx) {
    const user = requirePermission(ctx, "script", "read");
    const query = parseWith(
      ScriptQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(
      await getScript(
        ctx.state.services.kv,
        user,
        ctx.params.id,
        query.version,
      ),
    );
  },
});

import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { ProductionPatchSchema } from "@/lib/production/schemas.ts";
import { updateProduction } from "@/lib/production/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { enterById } from "@/server/production_scope.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async PATCH(ctx) {
    await enterById(ctx, ctx.params.id);
    const cx = serviceContextOf(ctx);
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, ProductionPatchSchema);
    return ctx.json(
      await updateProduction(cx, ctx.params.id, patch, ifVersion),
    );
  },
});

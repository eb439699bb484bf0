import { readJson } from "@/lib/http/body.ts";
import { ResolutionSchema } from "@/lib/ripple/schemas.ts";
import { resolveFlag } from "@/lib/ripple/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Resolves a flag: `{resolution: kept|updated|dismissed, note}`. */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const { resolution, note } = await readJson(ctx.req, ResolutionSchema);
    return ctx.json(await resolveFlag(cx, ctx.params.id, resolution, note));
  },
});

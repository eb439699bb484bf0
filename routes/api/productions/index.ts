import { readJson } from "@/lib/http/body.ts";
import { listProductions } from "@/lib/production/service.ts";
import { createProduction } from "@/lib/studio/production_service.ts";
import { NewProductionSchema } from "@/lib/studio/schemas.ts";
import { adminContextOf, studioContextOf } from "@/server/studio_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The caller's productions, each with the caller's role there. */
  async GET(ctx) {
    return ctx.json(await listProductions(studioContextOf(ctx)));
  },
  /** A new production (studio admins); its creator becomes its producer. */
  async POST(ctx) {
    const cx = adminContextOf(ctx);
    const input = await readJson(ctx.req, NewProductionSchema);
    return ctx.json(await createProduction(cx, input), { status: 201 });
  },
});

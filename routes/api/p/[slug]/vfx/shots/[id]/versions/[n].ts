import { requirePermission } from "@/server/auth_middleware.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";
import { ReviewInputSchema, VersionNumberSchema } from "@/lib/vfx/schemas.ts";
import { reviewVersion } from "@/lib/vfx/service.ts";

export const handler = define.handlers({
  /**
   * Reviews version `n` (director, producer): `{decision, note}`. Only the
   * latest version of a shot in review. Optional `If-Match` is the
   * version record's own version. 200 with `{shot, version}`.
   */
  async PATCH(ctx) {
    requirePermission(ctx, "vfx", "review");
    const n = VersionNumberSchema.safeParse(ctx.params.n);
    if (!n.success) {
      throw new NotFoundError("version", `No version ${ctx.params.n}`);
    }
    const ifVersion = ifMatchVersion(ctx.req);
    const input = await readJson(ctx.req, ReviewInputSchema);
    const result = await reviewVersion(
      serviceContextOf(ctx),
      ctx.params.id,
      n.data,
      input,
      ifVersion,
    );
    return ctx.json(result);
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { readJson } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";
import { NewVersionSchema } from "@/lib/vfx/schemas.ts";
import { submitVersion } from "@/lib/vfx/service.ts";

export const handler = define.handlers({
  /**
   * Submits the shot's next version (VFX team); the shot goes to review.
   * 201 with `{shot, version}`.
   */
  async POST(ctx) {
    requirePermission(ctx, "vfx", "submit_version");
    const input = await readJson(ctx.req, NewVersionSchema);
    const result = await submitVersion(
      serviceContextOf(ctx),
      ctx.params.id,
      input,
    );
    return ctx.json(result, { status: 201 });
  },
});

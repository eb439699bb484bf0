import { requirePermission } from "@/server/auth_middleware.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";
import { ShotPatchSchema } from "@/lib/vfx/schemas.ts";
import { getShot, updateShot } from "@/lib/vfx/service.ts";

export const handler = define.handlers({
  /** `{shot, versions}`, versions oldest first. */
  async GET(ctx) {
    requirePermission(ctx, "vfx", "read");
    return ctx.json(await getShot(serviceContextOf(ctx), ctx.params.id));
  },
  /**
   * Edits a shot (VFX team: details and their status moves; director and
   * producer: status only). Optional `If-Match: <version>`.
   */
  async PATCH(ctx) {
    requirePermission(ctx, "vfx", "read");
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, ShotPatchSchema);
    const shot = await updateShot(
      serviceContextOf(ctx),
      ctx.params.id,
      patch,
      ifVersion,
    );
    return ctx.json(shot);
  },
});

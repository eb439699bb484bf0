import { requirePermission } from "@/server/auth_middleware.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";
import { ShotPatchSchema } from "@/lib/vfx/schemas.ts";
import { getShot, updateShot } from "@/lib/vfx/vfx_store.ts";

export const handler = define.handlers({
  /** `{shot, versions}`, versions oldest first. */
  async GET(ctx) {
    const user = requirePermission(ctx, "vfx", "read");
    return ctx.json(
      await getShot(ctx.state.services.kv, user, ctx.params.id),
    );
  },
  /**
   * Edits a shot (VFX team: details and their status moves; director and
   * producer: status only). Optional `If-Match: <version>`.
   */
  async PATCH(ctx) {
    const user = requirePermission(ctx, "vfx", "read");
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, ShotPatchSchema);
    const shot = await updateShot(
      ctx.state.services.kv,
      user,
      ctx.params.id,
      patch,
      ifVersion,
    );
    return ctx.json(shot);
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { ScenePatchSchema } from "@/lib/script/schemas.ts";
import { getScene, updateScene } from "@/lib/script/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** One scene (of any draft) with its breakdown. */
  async GET(ctx) {
    requirePermission(ctx, "script", "read");
    return ctx.json(
      await getScene(serviceContextOf(ctx), ctx.params.id, ctx.params.sceneId),
    );
  },
  /**
   * Changes a scene of the current draft: `{breakdown?, add?, remove?,
   * notes?, status?}` (director, producer, production manager; approving
   * and reopening: director, producer). Optional `If-Match: <version>`.
   * 200 with the scene.
   */
  async PATCH(ctx) {
    requirePermission(ctx, "script", "write");
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, ScenePatchSchema);
    const scene = await updateScene(
      serviceContextOf(ctx),
      ctx.params.id,
      ctx.params.sceneId,
      patch,
      ifVersion,
    );
    return ctx.json(scene);
  },
});

import { deleteAsset, getAsset } from "@/lib/assets/asset_store.ts";
import { requirePermission } from "@/server/auth_middleware.ts";
import { ifMatchVersion } from "@/lib/http/body.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** An asset's metadata. */
  async GET(ctx) {
    requirePermission(ctx, "assets", "read");
    const asset = await getAsset(ctx.state.services.kv, ctx.params.id);
    if (asset === null) throw new ApiError(404, "not_found", "No such file");
    return ctx.json(asset);
  },
  /** Deletes the file (uploader, producer, production manager); 204. */
  async DELETE(ctx) {
    const user = requirePermission(ctx, "assets", "read");
    await deleteAsset(
      ctx.state.services.kv,
      user,
      ctx.params.id,
      ifMatchVersion(ctx.req),
    );
    return new Response(null, { status: 204 });
  },
});

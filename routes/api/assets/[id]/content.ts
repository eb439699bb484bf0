import { openAssetContent } from "@/lib/assets/asset_store.ts";
import { contentDisposition } from "@/lib/assets/schemas.ts";
import { contentTypeOf } from "@/lib/assets/sniff.ts";
import { requirePermission } from "@/server/auth_middleware.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * The file's bytes, streamed chunk by chunk, always as a download: the
   * sniffed type, `nosniff` and `attachment`, so nothing uploaded can run
   * as a page of this origin.
   */
  async GET(ctx) {
    requirePermission(ctx, "assets", "read");
    const content = await openAssetContent(
      ctx.state.services.kv,
      ctx.params.id,
    );
    if (content === null) throw new ApiError(404, "not_found", "No such file");
    const { asset, body } = content;
    return new Response(body, {
      headers: {
        "content-type": contentTypeOf(asset.mime),
        "content-length": String(asset.size),
        "content-disposition": contentDisposition(asset.name),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        "cross-origin-resource-policy": "same-origin",
      },
    });
  },
});

import { contentDisposition } from "@/lib/assets/schemas.ts";
import { openFile } from "@/lib/assets/service.ts";
import { contentTypeOf } from "@/lib/assets/sniff.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * The file's bytes, streamed chunk by chunk, always as a download: the
   * sniffed type, `nosniff` and `attachment`, so nothing uploaded can run
   * as a page of this origin.
   */
  async GET(ctx) {
    const { asset, body } = await openFile(
      serviceContextOf(ctx),
      ctx.params.id,
    );
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

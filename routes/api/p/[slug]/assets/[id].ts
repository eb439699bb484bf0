import { deleteFile, getFile } from "@/lib/assets/service.ts";
import { ifMatchVersion } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** An asset's metadata. */
  async GET(ctx) {
    return ctx.json(await getFile(serviceContextOf(ctx), ctx.params.id));
  },
  /** Deletes the file (uploader, producer, production manager); 204. */
  async DELETE(ctx) {
    const cx = serviceContextOf(ctx);
    await deleteFile(cx, ctx.params.id, ifMatchVersion(ctx.req));
    return new Response(null, { status: 204 });
  },
});

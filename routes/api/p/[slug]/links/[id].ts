import { deleteLink } from "@/lib/links/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async DELETE(ctx) {
    await deleteLink(serviceContextOf(ctx), ctx.params.id);
    return new Response(null, { status: 204 });
  },
});

import { markRead } from "@/lib/inbox/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async POST(ctx) {
    return ctx.json(await markRead(serviceContextOf(ctx), ctx.params.id));
  },
});

import { unreadCount } from "@/lib/inbox/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    return ctx.json({ count: await unreadCount(serviceContextOf(ctx)) });
  },
});

import { parseWith } from "@/lib/http/body.ts";
import { InboxQuerySchema } from "@/lib/inbox/schemas.ts";
import { listInbox } from "@/lib/inbox/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const query = parseWith(
      InboxQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listInbox(serviceContextOf(ctx), query));
  },
});

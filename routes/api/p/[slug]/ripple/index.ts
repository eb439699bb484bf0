import { parseWith } from "@/lib/http/body.ts";
import { RippleQuerySchema } from "@/lib/ripple/schemas.ts";
import { listRipple } from "@/lib/ripple/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Every draft's ripple, newest first, with the flags the viewer may see. */
  async GET(ctx) {
    const query = parseWith(
      RippleQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listRipple(serviceContextOf(ctx), query));
  },
});

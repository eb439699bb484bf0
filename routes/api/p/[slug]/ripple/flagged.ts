import { parseWith } from "@/lib/http/body.ts";
import { FlaggedQuerySchema } from "@/lib/ripple/schemas.ts";
import { flaggedIds } from "@/lib/ripple/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** `{ids}`: the records of one kind with open flags the viewer may see. */
  async GET(ctx) {
    const { type } = parseWith(
      FlaggedQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json({ ids: await flaggedIds(serviceContextOf(ctx), type) });
  },
});

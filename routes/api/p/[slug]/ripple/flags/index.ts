import { parseWith } from "@/lib/http/body.ts";
import { RecordFlagsQuerySchema } from "@/lib/ripple/schemas.ts";
import { flagsOf } from "@/lib/ripple/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The open flags on one record (`?record=type:id`) the viewer may see. */
  async GET(ctx) {
    const { record } = parseWith(
      RecordFlagsQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await flagsOf(serviceContextOf(ctx), record));
  },
});

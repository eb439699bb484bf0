import { z } from "zod";
import { replayEvents } from "@/lib/activity.ts";
import { parseWith } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

const QuerySchema = z.object({
  after: z.string().regex(/^\d{16}$/, "after must be an event id"),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/**
 * REST replay (DESIGN §4): the events after `after` this user may see, in
 * order. `resync: true` when the cursor is older than the retained log.
 */
export const handler = define.handlers({
  async GET(ctx) {
    const cx = serviceContextOf(ctx);
    const query = parseWith(
      QuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await replayEvents(cx, query.after, query.limit));
  },
});

import { z } from "zod";
import { requireUser } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { inAudience } from "@/lib/policy.ts";
import { readEventsAfter } from "@/lib/store/event_log.ts";
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
    const user = requireUser(ctx);
    const query = parseWith(
      QuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    const page = await readEventsAfter(
      ctx.state.kv,
      query.after,
      query.limit,
    );
    if (page.resync) return ctx.json({ resync: true, events: [] });
    const visible = page.events.filter((e) => inAudience(user, e.audience));
    return ctx.json({
      resync: false,
      events: visible.map(({ id, type, ts, data }) => ({ type, id, ts, data })),
      // The cursor to continue from, even when the page held nothing visible.
      lastEventId: page.events.at(-1)?.id ?? query.after,
      more: page.more,
    });
  },
});

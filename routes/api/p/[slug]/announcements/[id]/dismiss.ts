import { IdSchema } from "@/lib/announcements/schemas.ts";
import { dismissAnnouncement } from "@/lib/announcements/service.ts";
import { parseWith } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * Hides an urgent announcement's banner for the signed-in user, on every
   * device (idempotent): 204, or 404 for an unknown announcement.
   */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const id = parseWith(IdSchema, ctx.params.id);
    await dismissAnnouncement(cx, id);
    return new Response(null, { status: 204 });
  },
});

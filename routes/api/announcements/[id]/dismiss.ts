import { dismissAnnouncement } from "@/lib/announcements/dismissals.ts";
import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";
import { IdSchema } from "@/lib/announcements/announcements.ts";

export const handler = define.handlers({
  /**
   * Hides an urgent announcement's banner for the signed-in user, on every
   * device (idempotent): 204, or 404 for an unknown announcement.
   */
  async POST(ctx) {
    const user = requirePermission(ctx, "announcements", "read");
    const id = parseWith(IdSchema, ctx.params.id);
    await dismissAnnouncement(ctx.state.services.kv, user, id);
    return new Response(null, { status: 204 });
  },
});

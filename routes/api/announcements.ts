import { z } from "zod";
import {
  announce,
  NewAnnouncementSchema,
  recentAnnouncements,
  toView,
} from "@/lib/announcements/announcements.ts";
import { bannerAnnouncements } from "@/lib/announcements/dismissals.ts";
import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith, readJson } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";

/** `GET /api/announcements` query. */
const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const handler = define.handlers({
  /**
   * The newest announcements (`?limit=`, default 20, at most 100) and the
   * urgent ones this user has not dismissed (the banners), newest first.
   */
  async GET(ctx) {
    const user = requirePermission(ctx, "announcements", "read");
    const { limit } = parseWith(
      ListQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    const kv = ctx.state.services.kv;
    const [recent, banners] = await Promise.all([
      recentAnnouncements(kv, limit),
      bannerAnnouncements(kv, user.id),
    ]);
    return ctx.json({
      announcements: recent.map(toView),
      banners: banners.map(toView),
    });
  },
  async POST(ctx) {
    const actor = requirePermission(ctx, "announcements", "write");
    const input = await readJson(ctx.req, NewAnnouncementSchema);
    const created = await announce(ctx.state.services.kv, actor, input);
    return ctx.json(created, { status: 201 });
  },
});

import { z } from "zod";
import { NewAnnouncementSchema } from "@/lib/announcements/schemas.ts";
import {
  announce,
  bannerAnnouncements,
  recentAnnouncements,
} from "@/lib/announcements/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
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
    const cx = serviceContextOf(ctx);
    const { limit } = parseWith(
      ListQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    const [recent, banners] = await Promise.all([
      recentAnnouncements(cx, limit),
      bannerAnnouncements(cx),
    ]);
    return ctx.json({ announcements: recent, banners });
  },
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const input = await readJson(ctx.req, NewAnnouncementSchema);
    const created = await announce(cx, input);
    return ctx.json(created, { status: 201 });
  },
});

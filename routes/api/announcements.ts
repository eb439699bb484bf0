import {
  announce,
  NewAnnouncementSchema,
} from "../../lib/announcements/announcements.ts";
import { requirePermission } from "../../lib/auth/middleware.ts";
import { readJson } from "../../lib/http/body.ts";
import { define } from "../../lib/state.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const actor = requirePermission(ctx, "announcements", "write");
    const input = await readJson(ctx.req, NewAnnouncementSchema);
    const created = await announce(ctx.state.services.kv, actor, input);
    return ctx.json(created, { status: 201 });
  },
});

import { requirePermission } from "@/server/auth_middleware.ts";
import { parseWith, readJson } from "@/lib/http/body.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";
import { NewShotSchema, ShotQuerySchema } from "@/lib/vfx/schemas.ts";
import { createShot, listShots } from "@/lib/vfx/service.ts";

export const handler = define.handlers({
  /** Shots in code order; `?status=&assignee=&sceneKey=&vendor=` filter. */
  async GET(ctx) {
    requirePermission(ctx, "vfx", "read");
    const query = parseWith(
      ShotQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listShots(serviceContextOf(ctx), query));
  },
  /** Creates a shot (VFX team); 201 with the shot. */
  async POST(ctx) {
    requirePermission(ctx, "vfx", "write_shots");
    const input = await readJson(ctx.req, NewShotSchema);
    const shot = await createShot(serviceContextOf(ctx), input);
    return ctx.json(shot, { status: 201 });
  },
});

import { requireStatusAccess } from "@/server/realtime_status.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    requireStatusAccess(ctx);
    return ctx.json(
      await (await ctx.state.services.hub.hubFor(ctx.state.production!.id))
        .deploymentStats(),
    );
  },
});

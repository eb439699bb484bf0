import { requireStatusAccess } from "../../lib/realtime_status.ts";
import { define } from "../../lib/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    requireStatusAccess(ctx);
    return ctx.json(await ctx.state.services.hub.deploymentStats());
  },
});

import { define } from "../../lib/state.ts";

export const handler = define.handlers({
  GET(ctx) {
    const stats = ctx.state.services.hub.stats();
    return ctx.json({
      status: "ok",
      instanceId: stats.instanceId,
      connections: stats.connections,
      connectionsByRole: stats.byRole,
      online: stats.online,
    });
  },
});

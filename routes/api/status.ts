import { requireStatusAccess } from "../../lib/realtime_status.ts";
import { define } from "../../lib/state.ts";

export const handler = define.handlers({
  GET(ctx) {
    requireStatusAccess(ctx);
    return ctx.json(ctx.state.services.hub.stats());
  },
});

import { define } from "@/server/state.ts";

/**
 * Liveness for load balancers and uptime checks: `{status:"ok"}` and
 * nothing else. Connection statistics are on `/api/status`, for the
 * production office only.
 */
export const handler = define.handlers({
  GET(ctx) {
    return ctx.json({ status: "ok" });
  },
});

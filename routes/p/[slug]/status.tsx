import { page } from "fresh";
import LiveStats from "@/islands/LiveStats.tsx";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { requireStatusAccess } from "@/server/realtime_status.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    requireStatusAccess(ctx);
    const stats =
      await (await ctx.state.services.hub.hubFor(ctx.state.production!.id))
        .deploymentStats();
    return page({ stats, at: Date.now() });
  },
});

export default define.page<typeof handler>(function Status({ data, state }) {
  return (
    <>
      <header class="page-header">
        <h1>Realtime status</h1>
        <p class="muted">
          Live connections and event flow on every instance of this deployment.
        </p>
      </header>
      <LiveStats
        initial={data.stats}
        at={data.at}
        timeZone={timeZoneOf(state.production)}
      />
    </>
  );
});

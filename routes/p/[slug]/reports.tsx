import { page } from "fresh";
import ReportsLive from "@/islands/ReportsLive.tsx";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { productionSummary } from "@/lib/reports/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    return page({
      summary: await productionSummary(serviceContextOf(ctx)),
    });
  },
});

export default define.page<typeof handler>(function Reports({ data, state }) {
  return (
    <>
      <header class="page-header">
        <h1>Reports</h1>
        <p class="muted">
          The production at a glance. Figures follow every change as it happens.
        </p>
      </header>
      <ReportsLive
        initial={data.summary}
        timeZone={timeZoneOf(state.production)}
      />
    </>
  );
});

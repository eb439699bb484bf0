import { HttpError, page } from "fresh";
import ReportsLive from "@/islands/ReportsLive.tsx";
import { canOpen } from "@/lib/policy.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { productionSummary } from "@/lib/reports.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = ctx.state.user!;
    if (!canOpen(user.role, "reports")) {
      throw new HttpError(403, "Reports are for management");
    }
    return page({
      summary: await productionSummary(ctx.state.kv, user),
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

import { HttpError, page } from "fresh";
import { ScheduleHeader } from "@/components/schedule/ScheduleHeader.tsx";
import Stripboard from "@/islands/Stripboard.tsx";
import { recordPage } from "@/lib/records/shared.ts";
import { SCHEDULE_RECORD_ID } from "@/lib/records/cards.ts";
import { getSchedule } from "@/lib/schedule/service.ts";
import { requireModule } from "@/server/module_page.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The stripboard: the working board, or `?version=<id>`'s (read-only). */
  async GET(ctx) {
    requireModule(ctx, "schedule");
    // "" (a picker's working board) is the working board; an unknown id
    // is a 404, as on the day out of days.
    const asked = ctx.url.searchParams.get("version") ?? "";
    if (asked.length > 128) throw new HttpError(404, "No such version");
    const view = await getSchedule(
      serviceContextOf(ctx),
      asked === "" ? undefined : asked,
    );
    return page({ view });
  },
});

export default define.page<typeof handler>(function Schedule(
  { data, state },
) {
  const base = `/p/${state.production!.slug}`;
  return (
    <>
      <ScheduleHeader
        base={base}
        current="board"
        role={state.user!.role}
        class="sb-page-header"
      >
        <p class="muted">
          The stripboard: every scene of the current draft as a strip, in
          shooting days. Changes by others appear as they happen.{" "}
          <a href={`${base}${recordPage("schedule", SCHEDULE_RECORD_ID)}`}>
            Discuss the schedule
          </a>
        </p>
      </ScheduleHeader>
      {/* The island computes the days itself (live totals): not sent twice. */}
      <Stripboard initial={{ ...data.view, days: [] }} />
    </>
  );
});

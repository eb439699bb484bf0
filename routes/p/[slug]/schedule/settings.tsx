import { HttpError, page } from "fresh";
import { ScheduleHeader } from "@/components/schedule/ScheduleHeader.tsx";
import ScheduleSettingsForm from "@/islands/ScheduleSettingsForm.tsx";
import { can } from "@/lib/policy.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { readSettings } from "@/lib/schedule/service.ts";
import { requireModule } from "@/server/module_page.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The schedule's settings, for who may change them. */
  async GET(ctx) {
    requireModule(ctx, "schedule");
    if (!can(ctx.state.user!, "schedule", "edit")) {
      throw new HttpError(
        403,
        "Only the production office changes the schedule's settings",
      );
    }
    const cx = serviceContextOf(ctx);
    return page({ settings: await readSettings(cx.kv) });
  },
});

export default define.page<typeof handler>(function ScheduleSettings(
  { data, state },
) {
  const user = state.user!;
  return (
    <>
      <ScheduleHeader
        base={`/p/${state.production!.slug}`}
        current="settings"
        role={user.role}
      />
      <ScheduleSettingsForm
        initial={data.settings}
        timeZone={timeZoneOf(state.production)}
        userId={user.id}
      />
    </>
  );
});

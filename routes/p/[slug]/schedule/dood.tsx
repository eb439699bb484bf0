import { HttpError, page } from "fresh";
import { ScheduleHeader } from "@/components/schedule/ScheduleHeader.tsx";
import DoodLive from "@/islands/DoodLive.tsx";
import { getDayOutOfDays } from "@/lib/schedule/service.ts";
import { listVersionMetas } from "@/lib/schedule/versions.ts";
import { requireModule } from "@/server/module_page.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The day out of days of the working board, or `?version=<id>`'s. */
  async GET(ctx) {
    requireModule(ctx, "schedule");
    const cx = serviceContextOf(ctx);
    // The picker sends "" for the working board; an unknown id is a 404.
    const asked = ctx.url.searchParams.get("version") ?? "";
    if (asked.length > 128) throw new HttpError(404, "No such version");
    const versionId = asked === "" ? null : asked;
    const [dood, versions] = await Promise.all([
      getDayOutOfDays(cx, versionId ?? undefined),
      listVersionMetas(cx.kv),
    ]);
    const name = versions.find((v) => v.id === versionId)?.name ??
      "Working schedule";
    return page({ dood, versions, versionId, name });
  },
});

export default define.page<typeof handler>(function DayOutOfDays(
  { data, state },
) {
  return (
    <>
      <ScheduleHeader
        base={`/p/${state.production!.slug}`}
        current="dood"
        role={state.user!.role}
      />
      <DoodLive
        initial={data.dood}
        versionId={data.versionId}
        versionName={data.name}
        versions={data.versions}
      />
    </>
  );
});

import { parseWith } from "@/lib/http/body.ts";
import { doodCsv, doodFilename } from "@/lib/schedule/dood_csv.ts";
import { ScheduleQuerySchema } from "@/lib/schedule/schemas.ts";
import { getDayOutOfDays } from "@/lib/schedule/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The day out of days as a CSV download. */
  async GET(ctx) {
    const { version } = parseWith(
      ScheduleQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    const dood = await getDayOutOfDays(serviceContextOf(ctx), version);
    return new Response(doodCsv(dood), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${
          doodFilename(ctx.params.slug)
        }"`,
      },
    });
  },
});

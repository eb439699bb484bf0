import { parseWith } from "@/lib/http/body.ts";
import { ScheduleQuerySchema } from "@/lib/schedule/schemas.ts";
import { getDayOutOfDays } from "@/lib/schedule/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The day out of days of the working board (or `?version=`'s). */
  async GET(ctx) {
    const { version } = parseWith(
      ScheduleQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await getDayOutOfDays(serviceContextOf(ctx), version));
  },
});

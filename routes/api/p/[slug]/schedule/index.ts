import { parseWith } from "@/lib/http/body.ts";
import { ScheduleQuerySchema } from "@/lib/schedule/schemas.ts";
import { getSchedule } from "@/lib/schedule/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The stripboard: the working board, or `?version=<id>`'s. */
  async GET(ctx) {
    const { version } = parseWith(
      ScheduleQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await getSchedule(serviceContextOf(ctx), version));
  },
});

import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { ScheduleSettingsInputSchema } from "@/lib/schedule/schemas.ts";
import {
  assertScheduleReader,
  readSettings,
  updateSettings,
} from "@/lib/schedule/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The calendar, minutes per eighth, strip colours and DOOD rule. */
  async GET(ctx) {
    const cx = serviceContextOf(ctx);
    assertScheduleReader(cx);
    return ctx.json(await readSettings(cx.kv));
  },
  /** Replaces the settings (`If-Match: <version>` guards a lost update). */
  async PUT(ctx) {
    const cx = serviceContextOf(ctx);
    const input = await readJson(ctx.req, ScheduleSettingsInputSchema);
    return ctx.json(
      await updateSettings(cx, input, ifMatchVersion(ctx.req)),
    );
  },
});

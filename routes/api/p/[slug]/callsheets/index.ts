import { readJson } from "@/lib/http/body.ts";
import { GenerateSchema } from "@/lib/callsheets/schemas.ts";
import { generateCallSheet, listCallSheets } from "@/lib/callsheets/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The call sheets the viewer may see; the office also gets the open days. */
  async GET(ctx) {
    return ctx.json(await listCallSheets(serviceContextOf(ctx)));
  },
  /** Generates the draft of `{day}` from the schedule (409 `exists`). */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const { day } = await readJson(ctx.req, GenerateSchema);
    return ctx.json(await generateCallSheet(cx, day), { status: 201 });
  },
});

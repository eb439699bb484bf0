import { readJson } from "@/lib/http/body.ts";
import { SaveVersionSchema } from "@/lib/schedule/schemas.ts";
import { assertScheduleReader } from "@/lib/schedule/service.ts";
import { listVersionMetas, saveVersion } from "@/lib/schedule/versions.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The saved versions, newest first. */
  async GET(ctx) {
    const cx = serviceContextOf(ctx);
    assertScheduleReader(cx);
    return ctx.json(await listVersionMetas(cx.kv));
  },
  /** Saves the working board as `{name, lock?}`. */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const input = await readJson(ctx.req, SaveVersionSchema);
    return ctx.json(await saveVersion(cx, input), { status: 201 });
  },
});

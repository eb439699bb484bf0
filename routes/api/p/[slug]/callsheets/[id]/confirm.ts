import { confirmCallSheet } from "@/lib/callsheets/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** A called member confirms receipt of the current revision (idempotent). */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    return ctx.json(await confirmCallSheet(cx, ctx.params.id));
  },
});

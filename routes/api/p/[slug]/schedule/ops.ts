import { readJson } from "@/lib/http/body.ts";
import { BoardOpRequestSchema } from "@/lib/schedule/schemas.ts";
import { applyBoardOp } from "@/lib/schedule/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** One board op (`{opId?, op}`); answers the board's new version. */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const { op, opId } = await readJson(ctx.req, BoardOpRequestSchema);
    const { version } = await applyBoardOp(cx, op, opId ?? null);
    return ctx.json({ version, opId: opId ?? null });
  },
});

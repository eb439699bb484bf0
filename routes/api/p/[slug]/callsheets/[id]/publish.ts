import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { VersionGuardSchema } from "@/lib/callsheets/schemas.ts";
import { publishCallSheet } from "@/lib/callsheets/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Publishes the draft: every called member gets an inbox item. */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const ifMatch = ifMatchVersion(ctx.req);
    const { version } = await readJson(ctx.req, VersionGuardSchema);
    return ctx.json(
      await publishCallSheet(cx, ctx.params.id, ifMatch ?? version),
    );
  },
});

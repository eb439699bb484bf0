import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { CallSheetPatchSchema } from "@/lib/callsheets/schemas.ts";
import {
  deleteCallSheet,
  getCallSheet,
  updateCallSheet,
} from "@/lib/callsheets/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The sheet and what the viewer may do with it. */
  async GET(ctx) {
    return ctx.json(await getCallSheet(serviceContextOf(ctx), ctx.params.id));
  },
  /** Edits it (`If-Match` or `version` guards a lost update). */
  async PATCH(ctx) {
    const cx = serviceContextOf(ctx);
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, CallSheetPatchSchema);
    return ctx.json(
      await updateCallSheet(cx, ctx.params.id, patch, ifVersion),
    );
  },
  /** Deletes a draft (409 `published` for a published sheet). */
  async DELETE(ctx) {
    const cx = serviceContextOf(ctx);
    await deleteCallSheet(cx, ctx.params.id, ifMatchVersion(ctx.req));
    return new Response(null, { status: 204 });
  },
});

import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { UserPatchSchema } from "@/lib/team/schemas.ts";
import { removeMember, updateUser } from "@/lib/team/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async PATCH(ctx) {
    const cx = serviceContextOf(ctx);
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, UserPatchSchema);
    const updated = await updateUser(cx, ctx.params.id, patch, ifVersion);
    return ctx.json(updated);
  },
  async DELETE(ctx) {
    const cx = serviceContextOf(ctx);
    await removeMember(cx, ctx.params.id, ifMatchVersion(ctx.req));
    return new Response(null, { status: 204 });
  },
});

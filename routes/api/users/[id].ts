import { requirePermission } from "@/server/auth_middleware.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";
import { updateUser, UserPatchSchema } from "@/lib/team/team_service.ts";

export const handler = define.handlers({
  async PATCH(ctx) {
    const actor = requirePermission(ctx, "team", "write");
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, UserPatchSchema);
    const updated = await updateUser(
      ctx.state.services.kv,
      actor,
      ctx.params.id,
      patch,
      ifVersion,
    );
    return ctx.json(updated);
  },
});

import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { updateAccount } from "@/lib/studio/account_service.ts";
import { AccountPatchSchema } from "@/lib/studio/schemas.ts";
import { adminContextOf } from "@/server/studio_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Renames, (de)activates, (un)makes admin or resets the password. */
  async PATCH(ctx) {
    const cx = adminContextOf(ctx);
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, AccountPatchSchema);
    return ctx.json(
      await updateAccount(cx, ctx.params.id, patch, ifVersion),
    );
  },
});

import { readJson } from "@/lib/http/body.ts";
import { createAccount, listAccounts } from "@/lib/studio/account_service.ts";
import { NewAccountSchema } from "@/lib/studio/schemas.ts";
import { adminContextOf } from "@/server/studio_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Every account of the studio with its memberships (studio admins). */
  async GET(ctx) {
    return ctx.json(await listAccounts(adminContextOf(ctx)));
  },
  /** A new account of the studio (studio admins), a member of nothing yet. */
  async POST(ctx) {
    const cx = adminContextOf(ctx);
    const input = await readJson(ctx.req, NewAccountSchema);
    return ctx.json(await createAccount(cx, input), { status: 201 });
  },
});

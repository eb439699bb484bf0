import { listProductions } from "@/lib/production/service.ts";
import { requireAccount } from "@/server/auth_middleware.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The caller's productions, each with the caller's role there. */
  async GET(ctx) {
    const account = requireAccount(ctx);
    return ctx.json(await listProductions(ctx.state.kv, account.id));
  },
});

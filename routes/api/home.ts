import { homeCards } from "@/lib/production/home_card.ts";
import { requireAccount } from "@/server/auth_middleware.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The caller's home page cards: one per production they are a member of. */
  async GET(ctx) {
    const account = requireAccount(ctx);
    return ctx.json(
      await homeCards(ctx.state.kv, account.id, ctx.state.services.now()),
    );
  },
});

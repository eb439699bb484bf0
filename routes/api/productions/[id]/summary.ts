import { homeCard } from "@/lib/production/home_card.ts";
import { enterById } from "@/server/production_scope.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** One production's home card for the caller (404 for a non-member). */
  async GET(ctx) {
    await enterById(ctx, ctx.params.id);
    const { production, user, services } = ctx.state;
    return ctx.json(
      await homeCard(
        ctx.state.kv,
        production!,
        user!.id,
        user!.role,
        services.now(),
      ),
    );
  },
});

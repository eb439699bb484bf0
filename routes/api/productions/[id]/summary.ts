import { homeCard } from "@/lib/production/home_card.ts";
import { enterById } from "@/server/production_scope.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** One production's home card for the caller (404 for a non-member). */
  async GET(ctx) {
    await enterById(ctx, ctx.params.id);
    return ctx.json(
      await homeCard(serviceContextOf(ctx), ctx.state.production!),
    );
  },
});

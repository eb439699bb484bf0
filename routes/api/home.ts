import { homeCards } from "@/lib/production/home_card.ts";
import { studioContextOf } from "@/server/studio_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** The caller's home page cards: one per production they are a member of. */
  async GET(ctx) {
    return ctx.json(await homeCards(studioContextOf(ctx)));
  },
});

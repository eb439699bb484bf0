import { findByTag } from "@/lib/elements/store.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { requireModule } from "@/server/module_page.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * A scene's tag to its element: `?category=&name=` → 303 to the element's
   * page (a former spelling leads to the element it now names), else to the
   * elements page searching for the name. Breakdown sheets link their tags
   * here, since a scene keeps its tags as text.
   */
  async GET(ctx) {
    requireModule(ctx, "script");
    const category = ctx.url.searchParams.get("category") ?? "";
    const name = (ctx.url.searchParams.get("name") ?? "").slice(0, 200);
    const element = await findByTag(ctx.state.kv, category, name);
    const query = new URLSearchParams({ category, q: name });
    return ctx.redirect(
      inProduction(
        ctx.params.slug,
        element === null ? `/elements?${query}` : `/elements/${element.id}`,
      ),
      303,
    );
  },
});

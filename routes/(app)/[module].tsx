import { HttpError, page } from "fresh";
import { ModulePlaceholder } from "../../components/ModulePlaceholder.tsx";
import { requireModule } from "../../lib/module_page.ts";
import type { Module } from "../../lib/policy.ts";
import { define } from "../../lib/state.ts";

/**
 * Modules whose pages have not shipped yet. Each module's release adds its
 * own route file (a static route, which wins over this one) and drops its
 * entry here.
 */
const UPCOMING: Partial<
  Record<Module, { title: string; description: string }>
> = {
  script: {
    title: "Script",
    description:
      "Screenplay import and the scene breakdown arrive in an upcoming release.",
  },
};

export const handler = define.handlers({
  GET(ctx) {
    const module = ctx.params.module as Module;
    const entry = Object.hasOwn(UPCOMING, module)
      ? UPCOMING[module]
      : undefined;
    if (entry === undefined) throw new HttpError(404);
    requireModule(ctx, module);
    return page(entry);
  },
});

export default define.page<typeof handler>(function UpcomingModule({ data }) {
  return (
    <ModulePlaceholder title={data.title} description={data.description} />
  );
});

import { page } from "fresh";
import { z } from "zod";
import { EmptyState } from "@/components/EmptyState.tsx";
import { FilterForm, FilterSelect } from "@/components/FilterForm.tsx";
import { ElementTable } from "@/components/elements/ElementTables.tsx";
import { CategoryLabel } from "@/components/script/CategoryLabel.tsx";
import { ElementCategorySchema } from "@/lib/elements/schemas.ts";
import { listElementSummaries } from "@/lib/elements/service.ts";
import {
  ELEMENT_CATEGORIES,
  type ElementSummary,
  MAX_ELEMENT_NAME,
  tagKey,
} from "@/lib/elements/shared.ts";
import { lenientQuery } from "@/lib/http/query.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { flaggedIds } from "@/lib/ripple/service.ts";
import { CATEGORY_LABELS } from "@/lib/script/breakdown.ts";
import { requireModule } from "@/server/module_page.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

/** The page's filters: a category and a search over names. */
const FiltersSchema = z.object({
  category: ElementCategorySchema.optional(),
  q: z.string().max(MAX_ELEMENT_NAME).optional(),
});

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "script");
    const filters = lenientQuery(FiltersSchema, ctx.url.searchParams);
    const cx = serviceContextOf(ctx);
    const [all, flagged] = await Promise.all([
      listElementSummaries(cx),
      flaggedIds(cx, "element"),
    ]);
    const q = tagKey(filters.q ?? "");
    const shown = all.filter((e) =>
      (filters.category === undefined || e.category === filters.category) &&
      (q === "" || e.key.includes(q))
    );
    return page({ total: all.length, shown, filters, flagged });
  },
});

/** The shown elements by category, in breakdown-sheet order. */
function byCategory(elements: ElementSummary[]) {
  return ELEMENT_CATEGORIES.map((category) => ({
    category,
    elements: elements.filter((e) => e.category === category),
  })).filter((g) => g.elements.length > 0);
}

export default define.page<typeof handler>(function ElementsPage(
  { data, params },
) {
  const { total, shown, filters } = data;
  const flagged = new Set(data.flagged);
  const filtered = filters.category !== undefined || filters.q !== undefined;
  return (
    <>
      <header class="page-header">
        <p class="eyebrow">Script &amp; breakdown</p>
        <h1>Elements</h1>
        <p class="muted">
          Everything the breakdowns call for — cast, props, vehicles, locations…
          — one entry per element across the production, with the scenes of the
          current drafts that need it. A tag on a breakdown sheet makes its
          element the first time it is used.
        </p>
      </header>
      {total === 0
        ? (
          <EmptyState title="No elements yet">
            <p>
              Import a script or tag a scene's breakdown: its cast, locations
              and tags appear here.{" "}
              <a href={inProduction(params.slug, "/script")}>
                Open the scripts
              </a>
            </p>
          </EmptyState>
        )
        : (
          <>
            <FilterForm
              label="Filter elements"
              clearHref={filtered ? "/elements" : null}
            >
              <FilterSelect
                name="category"
                label="Category"
                anyLabel="All categories"
                options={ELEMENT_CATEGORIES.map((c) => ({
                  value: c,
                  label: CATEGORY_LABELS[c],
                }))}
                selected={filters.category}
              />
              <label class="field">
                <span>Search</span>
                <input
                  type="search"
                  name="q"
                  value={filters.q ?? ""}
                  maxLength={MAX_ELEMENT_NAME}
                  placeholder="Name…"
                />
              </label>
            </FilterForm>
            <p class="muted" data-count={shown.length}>
              {shown.length} of {total} element{total === 1 ? "" : "s"}
            </p>
            {shown.length === 0
              ? (
                <EmptyState title="No element matches">
                  <p>Try another category or fewer letters.</p>
                </EmptyState>
              )
              : byCategory(shown).map(({ category, elements }) => (
                <section
                  class="element-category"
                  data-category={category}
                  aria-labelledby={`category-${category}`}
                >
                  <h2 id={`category-${category}`}>
                    <CategoryLabel category={category} />{" "}
                    <span class="muted count">{elements.length}</span>
                  </h2>
                  <ElementTable
                    elements={elements}
                    labelledBy={`category-${category}`}
                    flagged={flagged}
                  />
                </section>
              ))}
          </>
        )}
    </>
  );
});

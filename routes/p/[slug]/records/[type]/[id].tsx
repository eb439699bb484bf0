import { Fragment } from "preact";
import { HttpError, page } from "fresh";
import { RecordPanels } from "@/components/records/RecordPanels.tsx";
import { NotFoundError } from "@/lib/errors.ts";
import { NAV_ITEMS } from "@/lib/navigation.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import {
  isRecordType,
  OWN_PAGE_TYPES,
  RECORD_MODULES,
  RECORD_TYPE_LABELS,
  REF_ID,
} from "@/lib/records/shared.ts";
import { recordView } from "@/lib/records/view.ts";
import { recordPanels } from "@/server/record_panels.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

/**
 * The page of a record with no page in its module (an expense, a budget
 * line, a file, a shot version): its facts, where it lives, its links and
 * conversation. A task, scene, element or shot goes to its own page; an
 * unknown kind, or a record the viewer may not see, is the not-found page.
 */
export const handler = define.handlers({
  async GET(ctx) {
    const { type, id } = ctx.params;
    if (!isRecordType(type) || !REF_ID.test(id)) throw new HttpError(404);
    const ref = { type, id };
    const view = await recordView(
      serviceContextOf(ctx),
      ref,
      timeZoneOf(ctx.state.production),
    ).catch((error) => {
      throw error instanceof NotFoundError ? new HttpError(404) : error;
    });
    if (OWN_PAGE_TYPES.includes(type)) {
      return ctx.redirect(inProduction(ctx.params.slug, view.card.href), 302);
    }
    const module = NAV_ITEMS.find((i) => i.module === RECORD_MODULES[type])!;
    return page({ view, module, panels: await recordPanels(ctx, ref) });
  },
});

export default define.page<typeof handler>(function RecordPage(
  { data, params },
) {
  const { view, module, panels } = data;
  const to = (path: string) => inProduction(params.slug, path);
  const [home, ...more] = view.places;
  return (
    <>
      <header class="page-header record-header">
        <div class="record-heading">
          <p class="eyebrow">
            <a href={to(module.href)}>{module.label}</a> ·{" "}
            {RECORD_TYPE_LABELS[view.card.ref.type]}
          </p>
          <h1>{view.card.title}</h1>
        </div>
      </header>
      <section class="card record-card" aria-labelledby="record-details">
        <h2 id="record-details">Details</h2>
        <dl class="facts">
          {view.facts.map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
        <p class="record-places">
          <a class="button button-small" href={to(home.href)}>
            {home.label}
          </a>
          {more.map((place) => (
            <a
              key={place.href}
              class="button button-small button-quiet"
              href={to(place.href)}
              download={place.download ? "" : undefined}
            >
              {place.label}
            </a>
          ))}
        </p>
      </section>
      <RecordPanels {...panels} />
    </>
  );
});

import { page } from "fresh";
import { EmptyState } from "@/components/EmptyState.tsx";
import { sceneNumber } from "@/components/script/model.ts";
import { requireModule } from "@/server/module_page.ts";
import { getReportsDetail } from "@/lib/script/service.ts";
import { elementLabel } from "@/lib/elements/shared.ts";
import {
  CATEGORY_LABELS,
  formatEighths,
  type ReportElement,
  type ReportScene,
} from "@/lib/script/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";
import { inProduction } from "@/lib/production/paths.ts";

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "script");
    // The same reports as GET /api/scripts/:id/reports, from one read.
    const { script, scenes, reports } = await getReportsDetail(
      serviceContextOf(ctx),
      ctx.params.id,
    );
    // Columns of the cast table: every counted scene, in script order.
    const columns = scenes.filter((s) => s.status !== "omitted");
    return page({ script, reports, columns });
  },
});

function SceneLinks(
  { base, scenes }: {
    /** The script's page, in this production. */
    base: string;
    scenes: ReportScene[];
  },
) {
  return (
    <>
      {scenes.map((s, i) => (
        <>
          {i > 0 && ", "}
          <a href={`${base}/scenes/${s.id}`} title={s.heading}>
            {sceneNumber(s)}
          </a>
        </>
      ))}
    </>
  );
}

export default define.page<typeof handler>(function ReportsPage(
  { data, params },
) {
  const { script, reports, columns } = data;
  const base = inProduction(params.slug, `/script/${script.id}`);
  const { totals } = reports;
  return (
    <>
      <header class="page-header">
        <p class="eyebrow">
          <a href={inProduction(params.slug, "/script")}>Scripts</a> ·{" "}
          <a href={base}>{script.title}</a> · Draft {script.currentVersion}
        </p>
        <h1>Breakdown reports</h1>
        <p class="muted" data-totals>
          {totals.scenes} scene{totals.scenes === 1 ? "" : "s"} ·{" "}
          {formatEighths(totals.eighths)} pages
          {totals.omitted > 0 && ` · ${totals.omitted} omitted, not counted`}
        </p>
      </header>

      <section class="report-section" aria-labelledby="by-location">
        <h2 id="by-location">Scenes by location</h2>
        {reports.byLocation.length === 0
          ? <EmptyState title="No scenes to report" />
          : (
            <div class="table-wrap">
              <table class="table report-table" data-report="locations">
                <thead>
                  <tr>
                    <th scope="col">Location</th>
                    <th scope="col">Scenes</th>
                    <th scope="col" class="num">Count</th>
                    <th scope="col" class="num">Pages</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.byLocation.map((row) => (
                    <tr>
                      <th scope="row">{row.location}</th>
                      <td class="wrap">
                        <SceneLinks base={base} scenes={row.scenes} />
                      </td>
                      <td class="num">{row.scenes.length}</td>
                      <td class="num">{formatEighths(row.eighths)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td />
                    <td class="num">{totals.scenes}</td>
                    <td class="num">{formatEighths(totals.eighths)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
      </section>

      <section class="report-section" aria-labelledby="by-character">
        <h2 id="by-character">Characters by scene</h2>
        <p class="muted">
          From the breakdown's cast tags. ● marks a scene the character is in.
        </p>
        {reports.characters.length === 0
          ? <EmptyState title="No cast tagged yet" />
          : (
            <div class="table-wrap">
              <table class="table report-table cast-matrix" data-report="cast">
                <thead>
                  <tr>
                    <th scope="col">Character</th>
                    {columns.map((s) => (
                      <th scope="col" class="num" title={s.heading}>
                        <a href={`${base}/scenes/${s.id}`}>
                          <span class="visually-hidden">Scene</span>
                          {sceneNumber(s)}
                        </a>
                      </th>
                    ))}
                    <th scope="col" class="num">Scenes</th>
                    <th scope="col" class="num">Pages</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.characters.map((row) => {
                    const ids = new Set(row.scenes.map((s) => s.id));
                    return (
                      <tr>
                        <th scope="row">{row.name}</th>
                        {columns.map((s) =>
                          ids.has(s.id)
                            ? (
                              <td key={s.id} class="num in-scene">
                                <span aria-hidden="true">●</span>
                                <span class="visually-hidden">
                                  In scene {sceneNumber(s)}
                                </span>
                              </td>
                            )
                            : <td key={s.id} class="num" />
                        )}
                        <td class="num" data-cell="count">
                          {row.scenes.length}
                        </td>
                        <td class="num">{formatEighths(row.eighths)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
      </section>

      <section class="report-section" aria-labelledby="by-element">
        <h2 id="by-element">Scenes by element</h2>
        <p class="muted">
          Every breakdown element of this draft with the scenes that need it.
        </p>
        {reports.scenesByElement.length === 0
          ? <EmptyState title="Nothing tagged yet" />
          : (
            <div class="table-wrap">
              <table class="table report-table" data-report="elements">
                <thead>
                  <tr>
                    <th scope="col">Element</th>
                    <th scope="col">Category</th>
                    <th scope="col">Scenes</th>
                    <th scope="col" class="num">Count</th>
                    <th scope="col" class="num">Pages</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.scenesByElement.map((row) => (
                    <tr>
                      <th scope="row">
                        <ElementName slug={params.slug} element={row.element} />
                      </th>
                      <td>{CATEGORY_LABELS[row.element.category]}</td>
                      <td class="wrap">
                        <SceneLinks base={base} scenes={row.scenes} />
                      </td>
                      <td class="num">{row.scenes.length}</td>
                      <td class="num">{formatEighths(row.eighths)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>

      <section class="report-section" aria-labelledby="elements-by-scene">
        <h2 id="elements-by-scene">Elements by scene</h2>
        {reports.elementsByScene.length === 0
          ? <EmptyState title="No scenes to report" />
          : (
            <div class="table-wrap">
              <table
                class="table report-table"
                data-report="elements-by-scene"
              >
                <thead>
                  <tr>
                    <th scope="col">Scene</th>
                    <th scope="col">Elements</th>
                    <th scope="col" class="num">Pages</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.elementsByScene.map(({ scene, elements }) => (
                    <tr>
                      <th scope="row">
                        <a
                          href={`${base}/scenes/${scene.id}`}
                          title={scene.heading}
                        >
                          {sceneNumber(scene)}
                        </a>
                      </th>
                      <td class="wrap">
                        {elements.length === 0
                          ? <span class="muted">Nothing tagged</span>
                          : groupByCategory(elements).map((
                            [category, list],
                          ) => (
                            <p class="element-group" key={category}>
                              <span class="muted">
                                {CATEGORY_LABELS[category]}:
                              </span>{" "}
                              {list.map((element, i) => (
                                <>
                                  {i > 0 && ", "}
                                  <ElementName
                                    slug={params.slug}
                                    element={element}
                                  />
                                </>
                              ))}
                            </p>
                          ))}
                      </td>
                      <td class="num">{formatEighths(scene.eighths)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>
    </>
  );
});

/** An element's name (with its cast number), linked to its page. */
function ElementName(
  { slug, element }: { slug: string; element: ReportElement },
) {
  const label = elementLabel(element);
  return element.id === null
    ? <>{label}</>
    : <a href={inProduction(slug, `/elements/${element.id}`)}>{label}</a>;
}

/** A scene's elements by category, in the order they come. */
function groupByCategory(
  elements: ReportElement[],
): [ReportElement["category"], ReportElement[]][] {
  const groups = new Map<ReportElement["category"], ReportElement[]>();
  for (const element of elements) {
    const list = groups.get(element.category) ?? [];
    list.push(element);
    groups.set(element.category, list);
  }
  return [...groups];
}

import { sceneNumber } from "@/components/script/model.ts";
import { SceneStatusPill } from "@/components/script/SceneBadges.tsx";
import { useHref } from "@/components/production_path.ts";
import { FlaggedBadge } from "@/components/ripple/FlaggedBadge.tsx";
import {
  elementLabel,
  type ElementScene,
  type ElementSummary,
} from "@/lib/elements/shared.ts";
import { formatEighths } from "@/lib/script/breakdown.ts";

/**
 * One category's elements on the elements page: name (cast with its
 * number) linked to the element, "Script changed" while it has open
 * flags, then how many scenes of the current drafts need it and their
 * pages (omitted scenes left out).
 */
export function ElementTable(
  { elements, labelledBy, flagged }: {
    elements: ElementSummary[];
    labelledBy: string;
    /** Ids of the elements with open script-change flags. */
    flagged?: ReadonlySet<string>;
  },
) {
  const href = useHref();
  return (
    <div class="table-wrap">
      <table class="table element-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Element</th>
            <th scope="col" class="num">Scenes</th>
            <th scope="col" class="num">Pages</th>
          </tr>
        </thead>
        <tbody>
          {elements.map((e) => (
            <tr key={e.id} data-element-id={e.id}>
              <th scope="row" class="wrap">
                <a href={href(`/elements/${e.id}`)}>{elementLabel(e)}</a>
                {flagged?.has(e.id) && (
                  <>
                    {" "}
                    <FlaggedBadge />
                  </>
                )}
              </th>
              <td class="num">{e.scenes}</td>
              <td class="num">{formatEighths(e.eighths)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The scenes an element appears in: number (linked to the scene's
 * breakdown sheet), heading, script, pages and breakdown status.
 */
export function ElementSceneTable(
  { scenes, showScript }: { scenes: ElementScene[]; showScript: boolean },
) {
  const href = useHref();
  return (
    <div class="table-wrap">
      <table
        class="table element-table element-scene-table"
        aria-labelledby="element-scenes"
      >
        <thead>
          <tr>
            <th scope="col">Scene</th>
            <th scope="col">Heading</th>
            {showScript && <th scope="col">Script</th>}
            <th scope="col" class="num">Pages</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {scenes.map((s) => (
            <tr key={s.sceneId} data-scene-key={s.key}>
              <th scope="row" class="es-number">
                <a href={href(`/script/${s.scriptId}/scenes/${s.sceneId}`)}>
                  <span class="visually-hidden">Scene</span>
                  {sceneNumber(s)}
                </a>
              </th>
              <td class="wrap es-heading">{s.heading}</td>
              {showScript && <td class="wrap es-script">{s.scriptTitle}</td>}
              <td class="num es-pages" data-label="Pages">
                {formatEighths(s.eighths)}
              </td>
              <td class="es-status">
                <SceneStatusPill status={s.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

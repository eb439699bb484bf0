import { formatEighths } from "@/lib/script/breakdown.ts";
import type { Script } from "@/lib/script/shared.ts";
import { formatDateTime } from "@/lib/format.ts";
import { useHref } from "@/components/production_path.ts";

/** The script library: title, current draft, scenes, pages, last change. */
export function ScriptTable(
  { scripts, timeZone, flashing = new Set() }: {
    scripts: Script[];
    /** The production's time zone, for the "updated" times. */
    timeZone: string;
    flashing?: ReadonlySet<string>;
  },
) {
  const href = useHref();
  return (
    <div class="table-wrap">
      <table class="table script-table">
        <caption class="visually-hidden">Scripts</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Current draft</th>
            <th scope="col">Scenes</th>
            <th scope="col">Pages</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span class="visually-hidden">Reports</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {scripts.map((script) => (
            <tr
              key={script.id}
              data-script-id={script.id}
              class={flashing.has(script.id) ? "is-flashing" : undefined}
            >
              <td class="script-title">
                <a href={href(`/script/${script.id}`)}>{script.title}</a>
              </td>
              <td data-cell="draft">Draft {script.currentVersion}</td>
              <td data-label="Scenes" data-cell="scenes">
                {script.sceneCount}
              </td>
              <td data-label="Pages" data-cell="pages">
                {formatEighths(script.eighths)}
              </td>
              <td data-label="Updated" data-cell="updated">
                <time dateTime={script.updatedAt}>
                  {formatDateTime(script.updatedAt, timeZone)}
                </time>
              </td>
              <td data-cell="reports">
                <a href={href(`/script/${script.id}/reports`)}>
                  Reports
                  <span class="visually-hidden">{` of ${script.title}`}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

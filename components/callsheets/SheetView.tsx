import {
  type CallSheetScene,
  type CallSheetView,
  dayLabel,
  sheetDate,
} from "@/lib/callsheets/shared.ts";
import { ROLE_LABELS } from "@/lib/roles.ts";
import { DAY_NIGHT_SHORT } from "@/lib/schedule/colors.ts";
import { formatEighths } from "@/lib/script/breakdown.ts";
import { formatDateTime } from "@/lib/format.ts";
import { pagesText } from "./model.ts";

/** The scenes as the sheet tables them (the day's, or the next day's). */
function SceneTable(
  { scenes, label, synopsis = true }: {
    scenes: CallSheetScene[];
    label: string;
    synopsis?: boolean;
  },
) {
  return (
    <div class="table-wrap cs-table-wrap">
      <table class="table cs-table">
        <caption class="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Sc.</th>
            <th scope="col">Set</th>
            <th scope="col">I/E</th>
            <th scope="col">D/N</th>
            <th scope="col">Pages</th>
            <th scope="col">Cast</th>
            {synopsis && <th scope="col">Synopsis</th>}
          </tr>
        </thead>
        <tbody>
          {scenes.map((s) => (
            <tr key={s.sceneKey}>
              <td class="cs-num">{s.number ?? "—"}</td>
              <td class="cs-set">{s.set}</td>
              <td data-label="I/E">{s.setting ?? "—"}</td>
              <td data-label="D/N">{DAY_NIGHT_SHORT[s.dayNight]}</td>
              <td data-label="Pages">{formatEighths(s.eighths)}</td>
              <td data-label="Cast">{s.castIds.join(", ") || "—"}</td>
              {synopsis && <td class="cs-wrap">{s.synopsis}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A call sheet laid out as one is printed: the header with the day and
 * the general call, the scenes, cast, crew calls, sets and hospital,
 * department notes and the next day. Render only: the page's island and
 * the print stylesheet share it.
 */
export function SheetView({ view }: { view: CallSheetView }) {
  const { sheet, timeZone } = view;
  const eighths = sheet.scenes.reduce((n, s) => n + s.eighths, 0);
  const notes = sheet.departmentNotes.filter((n) => n.text !== "");
  const facts: [string, string][] = [
    ["Weather", sheet.weather],
    ["Sunrise", sheet.sunrise],
    ["Sunset", sheet.sunset],
  ].filter((f): f is [string, string] => f[1] !== "");
  return (
    <article class="callsheet-sheet" aria-labelledby="callsheet-title">
      <header class="cs-head">
        <div class="cs-heading">
          <p class="cs-production">{view.productionTitle}</p>
          <h1 id="callsheet-title">
            Call sheet · {dayLabel(sheet)}
          </h1>
          <p class="cs-date">{sheetDate(sheet.date)}</p>
          {sheet.revision > 1 && sheet.revisedAt && (
            <p class="cs-revision">
              Revision {sheet.revision} ·{" "}
              <time dateTime={sheet.revisedAt}>
                {formatDateTime(sheet.revisedAt, timeZone)}
              </time>
            </p>
          )}
        </div>
        <div class="cs-call">
          <span class="cs-call-label">General crew call</span>
          <span class="cs-call-time">{sheet.generalCall}</span>
        </div>
        <dl class="cs-facts">
          <div>
            <dt>Shooting</dt>
            <dd>
              {sheet.scenes.length}{" "}
              {sheet.scenes.length === 1 ? "scene" : "scenes"} ·{" "}
              {pagesText(eighths)}
            </dd>
          </div>
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </header>

      <section class="cs-section" aria-labelledby="cs-scenes">
        <h2 id="cs-scenes">Scenes</h2>
        {sheet.scenes.length === 0
          ? <p class="muted">No scenes are scheduled on this day.</p>
          : <SceneTable scenes={sheet.scenes} label="Scenes of the day" />}
      </section>

      <section class="cs-section" aria-labelledby="cs-cast">
        <h2 id="cs-cast">Cast</h2>
        {sheet.cast.length === 0
          ? <p class="muted">No cast called.</p>
          : (
            <div class="table-wrap cs-table-wrap">
              <table class="table cs-table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Character</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Call</th>
                    <th scope="col">On set</th>
                    <th scope="col">Note</th>
                  </tr>
                </thead>
                <tbody>
                  {sheet.cast.map((c) => (
                    <tr key={c.castNumber}>
                      <td class="cs-num">{c.castNumber}</td>
                      <td class="cs-set">{c.character}</td>
                      <td data-label="Actor">
                        {c.actor || <span class="muted">not cast yet</span>}
                      </td>
                      <td class="cs-time" data-label="Call">{c.call}</td>
                      <td class="cs-time" data-label="On set">{c.onSet}</td>
                      <td class="cs-wrap">{c.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>

      <section class="cs-section" aria-labelledby="cs-crew">
        <h2 id="cs-crew">Crew calls</h2>
        {view.crew.length === 0
          ? <p class="muted">Nobody is called.</p>
          : (
            <ul class="cs-crew">
              {view.crew.map((c) => (
                <li key={c.userId}>
                  <span class="cs-crew-name">
                    {c.name}
                    {c.role && (
                      <span class="cs-crew-role">{ROLE_LABELS[c.role]}</span>
                    )}
                  </span>
                  <span class={`cs-time${c.own ? " cs-own" : ""}`}>
                    {c.call}
                    {c.own && <span class="visually-hidden">(own call)</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
      </section>

      <div class="cs-pair">
        <section class="cs-section" aria-labelledby="cs-locations">
          <h2 id="cs-locations">Sets and locations</h2>
          {sheet.locations.length === 0
            ? <p class="muted">No set listed.</p>
            : (
              <dl class="cs-list">
                {sheet.locations.map((l) => [
                  <dt key={`${l.set}-t`}>{l.set}</dt>,
                  <dd key={l.set}>{l.address || "Address to follow"}</dd>,
                ])}
              </dl>
            )}
        </section>
        <section class="cs-section cs-hospital" aria-labelledby="cs-hospital">
          <h2 id="cs-hospital">Nearest hospital</h2>
          {sheet.hospital.name === "" && sheet.hospital.address === ""
            ? <p class="muted">Not given yet.</p>
            : (
              <p>
                <strong>{sheet.hospital.name}</strong>
                <br />
                {sheet.hospital.address}
                {sheet.hospital.phone && (
                  <>
                    <br />Phone: {sheet.hospital.phone}
                  </>
                )}
              </p>
            )}
        </section>
      </div>

      <section class="cs-section" aria-labelledby="cs-notes">
        <h2 id="cs-notes">Department notes</h2>
        {notes.length === 0 && sheet.notes === ""
          ? <p class="muted">No notes.</p>
          : (
            <dl class="cs-list">
              {sheet.notes !== "" && [
                <dt key="general-t">General</dt>,
                <dd key="general" class="cs-pre">{sheet.notes}</dd>,
              ]}
              {notes.map((n) => [
                <dt key={`${n.department}-t`}>{n.department}</dt>,
                <dd key={n.department} class="cs-pre">{n.text}</dd>,
              ])}
            </dl>
          )}
      </section>

      <section class="cs-section cs-advance" aria-labelledby="cs-advance">
        <h2 id="cs-advance">
          Advance schedule
          {sheet.advance &&
            ` · Day ${sheet.advance.day}, ${sheetDate(sheet.advance.date)}`}
        </h2>
        {sheet.advance === null
          ? <p class="muted">This is the last shooting day.</p>
          : sheet.advance.scenes.length === 0
          ? <p class="muted">No scenes scheduled on the next day.</p>
          : (
            <SceneTable
              scenes={sheet.advance.scenes}
              label="Next day's scenes"
              synopsis={false}
            />
          )}
      </section>
    </article>
  );
}

import { page } from "fresh";
import { Screenplay } from "@/components/script/Screenplay.tsx";
import SceneList from "@/islands/SceneList.tsx";
import ScriptImport from "@/islands/ScriptImport.tsx";
import { parseWith } from "@/lib/http/body.ts";
import { requireModule } from "@/server/module_page.ts";
import { formatDateTime } from "@/lib/format.ts";
import { can } from "@/lib/policy.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { ScriptQuerySchema } from "@/lib/script/schemas.ts";
import { getScript } from "@/lib/script/service.ts";
import { formatEighths } from "@/lib/script/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";
import { inProduction } from "@/lib/production/paths.ts";

const NOTICES: Record<string, string> = {
  imported: "Script imported.",
  drafted: "New draft imported.",
};

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "script");
    const user = ctx.state.user!;
    const params = Object.fromEntries(
      [...ctx.url.searchParams].filter(([k]) => k === "version"),
    );
    const query = parseWith(ScriptQuerySchema, params);
    const detail = await getScript(
      serviceContextOf(ctx),
      ctx.params.id,
      query.version,
    );
    const shown = Object.keys(NOTICES).find((key) =>
      ctx.url.searchParams.has(key)
    );
    return page({
      detail,
      reading: ctx.url.searchParams.get("view") === "read",
      canWrite: can(user, "script", "write"),
      notice: shown ? NOTICES[shown] : null,
    });
  },
});

export default define.page<typeof handler>(
  function ScriptPage({ data, state, params }) {
    const { detail, reading, canWrite, notice } = data;
    const { script, version, versions, scenes } = detail;
    const current = version.number === script.currentVersion;
    const base = inProduction(params.slug, `/script/${script.id}`);
    const query = (view: "list" | "read") => {
      const q = new URLSearchParams();
      if (!current) q.set("version", String(version.number));
      if (view === "read") q.set("view", "read");
      const s = q.toString();
      return s === "" ? base : `${base}?${s}`;
    };
    const { summary } = version;
    const timeZone = timeZoneOf(state.production);
    return (
      <>
        <header class="page-header script-header">
          <div>
            <p class="eyebrow">
              <a href={inProduction(params.slug, "/script")}>Scripts</a> · Draft
              {" "}
              {version.number}
              {current ? " (current)" : ` of ${script.currentVersion}`}
            </p>
            <h1>{script.title}</h1>
            <p class="muted">
              {version.sceneCount} scene{version.sceneCount === 1 ? "" : "s"}
              {" · "}
              {formatEighths(version.eighths)} pages · imported by{" "}
              {version.uploadedByName} on{" "}
              <time dateTime={version.uploadedAt}>
                {formatDateTime(version.uploadedAt, timeZone)}
              </time>
            </p>
          </div>
          <div class="page-actions">
            <a class="button" href={`${base}/reports`}>Reports</a>
          </div>
        </header>
        {notice && <p class="notice" role="status">{notice}</p>}
        {!current && (
          <p class="notice script-history" role="note">
            Draft {version.number} is history and read-only.{" "}
            <a href={base}>Go to the current draft</a> (draft{" "}
            {script.currentVersion}).
          </p>
        )}
        <div class="script-toolbar">
          <nav class="segmented" aria-label="View">
            <a
              href={query("list")}
              class="button button-small"
              aria-current={reading ? undefined : "page"}
            >
              Scene list
            </a>
            <a
              href={query("read")}
              class="button button-small"
              aria-current={reading ? "page" : undefined}
            >
              Reading view
            </a>
          </nav>
          {versions.length > 1 && (
            <form method="get" class="inline-form draft-switcher">
              <label for="draft-version">Draft</label>
              <select id="draft-version" name="version">
                {versions.map((v) => (
                  <option
                    value={v.number}
                    selected={v.number === version.number}
                  >
                    Draft {v.number}
                    {v.number === script.currentVersion ? " (current)" : ""} —
                    {" "}
                    {formatDateTime(v.uploadedAt, timeZone)}
                  </option>
                ))}
              </select>
              {reading && <input type="hidden" name="view" value="read" />}
              <button type="submit" class="button">Show</button>
            </form>
          )}
          {version.number > 1 && (
            <p class="muted draft-summary">
              Against draft {version.number - 1}: {summary.added} new ·{" "}
              {summary.changed} changed · {summary.removed} removed ·{" "}
              {summary.unchanged} unchanged
            </p>
          )}
        </div>
        {version.warnings.length > 0 && (
          <details class="script-warnings">
            <summary>
              {version.warnings.length} parser warning
              {version.warnings.length === 1 ? "" : "s"}
            </summary>
            <ul>
              {version.warnings.map((w, i) => <li key={i}>{w}</li>)}
            </ul>
          </details>
        )}
        {reading
          ? (
            <Screenplay
              scenes={scenes}
              title={script.title}
              hrefOf={(s) => `${base}/scenes/${s.id}`}
            />
          )
          : (
            <SceneList
              scriptId={script.id}
              scenes={scenes}
              draftNumber={version.number}
              currentVersion={script.currentVersion}
            />
          )}
        {canWrite && current && (
          <ScriptImport
            initial={[]}
            canWrite
            posted={null}
            draftFor={{ id: script.id, title: script.title }}
          />
        )}
      </>
    );
  },
);

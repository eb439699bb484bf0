import { type Context, page } from "fresh";
import ScriptImport, { type PostedImport } from "@/islands/ScriptImport.tsx";
import { SinceLastLooked } from "@/components/SinceLastLooked.tsx";
import { sinceLastLooked } from "@/lib/last_seen/service.ts";
import { readForm } from "@/lib/http/body.ts";
import { ApiError, toApiError } from "@/lib/http/errors.ts";
import { requireModule } from "@/server/module_page.ts";
import { can } from "@/lib/policy.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import {
  createScript,
  importDraft,
  listScripts,
} from "@/lib/script/service.ts";
import { MAX_SOURCE_BYTES } from "@/lib/script/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define, type State } from "@/server/state.ts";
import { inProduction } from "@/lib/production/paths.ts";

/** A urlencoded form carrying a 2 MiB source (escaping triples it at most). */
const MAX_FORM_BYTES = MAX_SOURCE_BYTES * 3 + 4096;

/**
 * The page; `look` (a plain visit, not a refused post) also tells what
 * changed since the last one and moves its mark.
 */
async function render(
  ctx: Context<State>,
  posted: PostedImport | null = null,
  status = 200,
  look = false,
) {
  const user = ctx.state.user!;
  const cx = serviceContextOf(ctx);
  // First: the new mark is the log's head before the data is read.
  const since = look ? await sinceLastLooked(cx, "script") : null;
  const scripts = await listScripts(cx);
  return page({
    scripts,
    canWrite: can(user, "script", "write"),
    posted,
    since,
  }, { status });
}

/** The message of a refused import, with the first field issue if any. */
function importMessage(error: ApiError): string {
  const issues = error.details;
  if (
    error.code === "validation" && Array.isArray(issues) && issues.length > 0
  ) {
    return issues.map((i: { message?: string }) => i.message).filter(Boolean)
      .join("; ");
  }
  return error.message;
}

export const handler = define.handlers({
  GET(ctx) {
    requireModule(ctx, "script");
    return render(ctx, null, 200, true);
  },
  /**
   * The import forms without JavaScript: `intent=create` (title, source)
   * imports a new script, `intent=draft` (scriptId, source) the next draft
   * of one. Success redirects (303) to the script; a refusal renders this
   * page with the message and the text as posted.
   */
  async POST(ctx) {
    requireModule(ctx, "script");
    const cx = serviceContextOf(ctx);
    const form = await readForm(ctx.req, MAX_FORM_BYTES);
    const intent = form.get("intent");
    if (intent !== "create" && intent !== "draft") {
      throw new ApiError(400, "bad_request", "Unknown form action");
    }
    const posted: PostedImport = {
      intent,
      title: form.get("title") ?? "",
      source: form.get("source") ?? "",
      scriptId: form.get("scriptId") ?? "",
      message: "",
    };
    try {
      if (posted.source.trim() === "") {
        throw new ApiError(
          400,
          "validation",
          "Paste the script's Fountain text",
        );
      }
      const title = posted.title.trim();
      const detail = intent === "create"
        ? await createScript(cx, {
          source: posted.source,
          ...(title === "" ? {} : { title }),
        })
        : await importDraft(cx, posted.scriptId, {
          source: posted.source,
        });
      return ctx.redirect(
        inProduction(
          ctx.params.slug,
          `/script/${detail.script.id}?${
            intent === "create" ? "imported" : "drafted"
          }`,
        ),
        303,
      );
    } catch (error) {
      const e = toApiError(error);
      if (e.status === 403) throw e;
      return await render(
        ctx,
        { ...posted, message: importMessage(e) },
        e.status,
      );
    }
  },
});

export default define.page<typeof handler>(
  function ScriptsPage({ data, state }) {
    return (
      <>
        <header class="page-header">
          <p class="eyebrow">Script &amp; breakdown</p>
          <h1>Scripts</h1>
          <p class="muted">
            Every screenplay of the production with its current draft. Open one
            for its scenes, breakdown sheets and reports.
          </p>
        </header>
        <SinceLastLooked
          since={data.since}
          timeZone={timeZoneOf(state.production)}
        />
        <ScriptImport
          initial={data.scripts}
          canWrite={data.canWrite}
          posted={data.posted}
          timeZone={timeZoneOf(state.production)}
        />
      </>
    );
  },
);

import { type Context, page } from "fresh";
import { EmptyState } from "@/components/EmptyState.tsx";
import {
  MergeForm,
  type PostedElementForm,
  RenameForm,
} from "@/components/elements/ElementForms.tsx";
import { ElementSceneTable } from "@/components/elements/ElementTables.tsx";
import { RecordPanels } from "@/components/records/RecordPanels.tsx";
import { CategoryLabel } from "@/components/script/CategoryLabel.tsx";
import { ElementNameSchema } from "@/lib/elements/schemas.ts";
import {
  getElement,
  listElementSummaries,
  mergeElement,
  renameElement,
} from "@/lib/elements/service.ts";
import { ElementMergedError } from "@/lib/elements/store.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { formatDateTime } from "@/lib/format.ts";
import { readForm } from "@/lib/http/body.ts";
import { ApiError, toApiError } from "@/lib/http/errors.ts";
import { can } from "@/lib/policy.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { formatEighths } from "@/lib/script/breakdown.ts";
import { requireModule } from "@/server/module_page.ts";
import { recordPanels } from "@/server/record_panels.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define, type State } from "@/server/state.ts";

async function render(
  ctx: Context<State>,
  posted: PostedElementForm | null = null,
  status = 200,
) {
  requireModule(ctx, "script");
  const cx = serviceContextOf(ctx);
  let detail;
  try {
    detail = await getElement(cx, ctx.params.id);
  } catch (error) {
    // A merged element's old address leads to the one it became.
    if (error instanceof ElementMergedError && posted === null) {
      return ctx.redirect(
        inProduction(ctx.params.slug, `/elements/${error.into}`),
        308,
      );
    }
    throw error instanceof NotFoundError ? toApiError(error) : error;
  }
  const canWrite = can(ctx.state.user!, "script", "write");
  const [others, panels] = await Promise.all([
    canWrite
      ? listElementSummaries(cx, { category: detail.element.category })
        .then((all) => all.filter((e) => e.id !== detail.element.id))
      : [],
    recordPanels(ctx, { type: "element", id: detail.element.id }),
  ]);
  const merged = ctx.url.searchParams.get("merged");
  const notice = posted !== null
    ? null
    : ctx.url.searchParams.has("renamed")
    ? "Renamed: the scenes of the current drafts carry the new name."
    : merged !== null
    ? `Merged “${merged.slice(0, 100)}” into this element.`
    : null;
  return page({ detail, canWrite, others, posted, notice, panels }, {
    status,
  });
}

/** A refused form's message, for the field it shows under. */
function messageOf(error: ApiError): string {
  if (error.code === "version_conflict") {
    return "Someone changed this element meanwhile; this is its current name.";
  }
  return error.message;
}

export const handler = define.handlers({
  GET: (ctx) => render(ctx),
  /**
   * The forms without JavaScript: `intent=rename` (`name`, `version`) and
   * `intent=merge` (`into`). Success redirects (303) to the element (the
   * one merged into, after a merge); a refusal renders the page with the
   * message under the field and its status (400, 409 …).
   */
  async POST(ctx) {
    requireModule(ctx, "script");
    const cx = serviceContextOf(ctx);
    const id = ctx.params.id;
    const form = await readForm(ctx.req, 16 * 1024);
    const intent = form.get("intent");
    if (intent !== "rename" && intent !== "merge") {
      throw new ApiError(400, "bad_request", "Unknown form action");
    }
    const value = (intent === "rename" ? form.get("name") : form.get("into")) ??
      "";
    try {
      if (intent === "rename") {
        const name = ElementNameSchema.safeParse(value);
        if (!name.success) {
          throw new ApiError(400, "validation", name.error.issues[0].message);
        }
        const version = Number(form.get("version"));
        await renameElement(
          cx,
          id,
          { name: name.data },
          Number.isInteger(version) && version > 0 ? version : undefined,
        );
        return ctx.redirect(
          inProduction(ctx.params.slug, `/elements/${id}?renamed`),
          303,
        );
      }
      if (value === "") {
        throw new ApiError(400, "validation", "Pick an element to merge into");
      }
      const { from, into } = await mergeElement(cx, id, { into: value });
      const query = new URLSearchParams({ merged: from.name });
      return ctx.redirect(
        inProduction(ctx.params.slug, `/elements/${into.id}?${query}`),
        303,
      );
    } catch (error) {
      const e = toApiError(error);
      if (e.status === 403 || e.status >= 500) throw e;
      // The element itself gone (merged by someone else): its page says so.
      if (e.status === 404 && intent === "rename") throw e;
      return await render(
        ctx,
        { intent, value, message: messageOf(e) },
        e.status,
      );
    }
  },
});

export default define.page<typeof handler>(function ElementPage(
  { data, params, state },
) {
  const { detail, canWrite, others, posted, notice, panels } = data;
  const { element, aliases, scenes } = detail;
  const live = scenes.filter((s) => s.status !== "omitted");
  const scripts = new Set(scenes.map((s) => s.scriptId));
  return (
    <>
      <header class="page-header">
        <p class="eyebrow">
          <a href={inProduction(params.slug, "/elements")}>Elements</a> ·{" "}
          <CategoryLabel category={element.category} />
        </p>
        <h1>
          {element.castNumber !== null && (
            <span class="cast-number" title="Cast number">
              #{element.castNumber}
            </span>
          )}
          {element.name}
        </h1>
      </header>
      {notice && <p class="notice" role="status">{notice}</p>}
      {posted && <p class="form-error" role="alert">{posted.message}</p>}
      <section class="card" aria-label="About this element">
        <dl class="facts">
          <dt>Category</dt>
          <dd>
            <CategoryLabel category={element.category} />
          </dd>
          {element.castNumber !== null && (
            <>
              <dt>Cast number</dt>
              <dd data-fact="cast-number">{element.castNumber}</dd>
            </>
          )}
          <dt>Scenes</dt>
          <dd data-fact="scenes">
            {live.length} · {formatEighths(
              live.reduce((n, s) => n + s.eighths, 0),
            )} pages
            {scenes.length > live.length &&
              ` (${scenes.length - live.length} omitted, not counted)`}
          </dd>
          {aliases.length > 0 && (
            <>
              <dt>Also written</dt>
              <dd>{aliases.join(", ")}</dd>
            </>
          )}
          <dt>First tagged</dt>
          <dd>
            by {element.createdByName} on{" "}
            <time dateTime={element.createdAt}>
              {formatDateTime(element.createdAt, timeZoneOf(state.production))}
            </time>
          </dd>
        </dl>
      </section>

      <section class="element-scenes" aria-labelledby="element-scenes">
        <h2 id="element-scenes">Scenes</h2>
        {scenes.length === 0
          ? (
            <EmptyState title="In no scene of the current drafts">
              <p>
                Tag it on a scene's breakdown sheet, or it appears only in
                earlier drafts.
              </p>
            </EmptyState>
          )
          : <ElementSceneTable scenes={scenes} showScript={scripts.size > 1} />}
      </section>

      {canWrite && (
        <div class="element-forms">
          <RenameForm element={element} posted={posted} />
          <MergeForm element={element} others={others} posted={posted} />
        </div>
      )}

      <RecordPanels {...panels} />
    </>
  );
});

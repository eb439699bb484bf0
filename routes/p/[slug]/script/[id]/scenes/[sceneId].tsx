import { type Context, page } from "fresh";
import { sceneName, sceneNumber } from "@/components/script/model.ts";
import { RecordPanels } from "@/components/records/RecordPanels.tsx";
import { ChangeMarks } from "@/components/script/SceneBadges.tsx";
import { ScreenplayScene } from "@/components/script/Screenplay.tsx";
import BreakdownSheet, { type PostedSheet } from "@/islands/BreakdownSheet.tsx";
import { readForm } from "@/lib/http/body.ts";
import { ApiError, toApiError } from "@/lib/http/errors.ts";
import { requireModule } from "@/server/module_page.ts";
import { recordPanels } from "@/server/record_panels.ts";
import { can } from "@/lib/policy.ts";
import { type ScenePatch, SceneStatusSchema } from "@/lib/script/schemas.ts";
import {
  canApprove,
  getSceneInDraft,
  updateScene,
} from "@/lib/script/service.ts";
import { isBreakdownCategory, MAX_NOTES_LENGTH } from "@/lib/script/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define, type State } from "@/server/state.ts";
import { inProduction } from "@/lib/production/paths.ts";

const NOTICES: Record<string, string> = {
  saved: "Saved.",
};

async function render(
  ctx: Context<State>,
  posted: PostedSheet | null = null,
  status = 200,
) {
  requireModule(ctx, "script");
  const user = ctx.state.user!;
  const { script, scene, scenes } = await getSceneInDraft(
    serviceContextOf(ctx),
    ctx.params.id,
    ctx.params.sceneId,
  );
  // Links name the scene by its key, the same in every draft.
  const panels = await recordPanels(ctx, { type: "scene", id: scene.key });
  const at = scenes.findIndex((s) => s.id === scene.id);
  const link = (i: number) =>
    i < 0 || i >= scenes.length
      ? null
      : { id: scenes[i].id, name: sceneName(scenes[i]) };
  return page({
    script,
    scene,
    previous: link(at - 1),
    next: link(at + 1),
    abilities: {
      write: can(user, "script", "write"),
      approve: canApprove(user),
    },
    readOnly: scene.draftVersion !== script.currentVersion,
    viewerId: user.id,
    notice: posted === null
      ? NOTICES[
        Object.keys(NOTICES).find((k) => ctx.url.searchParams.has(k)) ?? ""
      ] ?? null
      : null,
    posted,
    panels,
  }, { status });
}

/** A no-JS form post as a scene patch, or a 400. */
function patchOf(form: URLSearchParams): ScenePatch {
  const intent = form.get("intent");
  if (intent === "status") {
    const status = SceneStatusSchema.safeParse(form.get("status"));
    if (!status.success) {
      throw new ApiError(400, "validation", "Pick a status");
    }
    return { status: status.data };
  }
  if (intent === "notes") {
    const notes = (form.get("notes") ?? "").trim();
    if (notes.length > MAX_NOTES_LENGTH) {
      throw new ApiError(
        400,
        "validation",
        `Notes have at most ${
          MAX_NOTES_LENGTH.toLocaleString("en")
        } characters`,
      );
    }
    return { notes };
  }
  if (intent === "add" || intent === "remove") {
    const category = form.get("category");
    const tag = (form.get("tag") ?? "").replace(/\s+/g, " ").trim();
    if (!isBreakdownCategory(category)) {
      throw new ApiError(400, "validation", "Unknown breakdown category");
    }
    if (tag === "") throw new ApiError(400, "validation", "Type a tag");
    return { [intent]: { [category]: [tag] } };
  }
  throw new ApiError(400, "bad_request", "Unknown form action");
}

export const handler = define.handlers({
  GET: (ctx) => render(ctx),
  /**
   * The sheet's forms without JavaScript (status moves, notes, add and
   * remove a tag), each with the scene version it was rendered at.
   * Success redirects (303) back here; a refusal renders the sheet with
   * the message and its status (403, 409 …).
   */
  async POST(ctx) {
    requireModule(ctx, "script");
    const form = await readForm(ctx.req, 32 * 1024);
    const version = Number(form.get("version"));
    try {
      if (!Number.isInteger(version) || version < 1) {
        throw new ApiError(400, "validation", "The form is missing a version");
      }
      await updateScene(
        serviceContextOf(ctx),
        ctx.params.id,
        ctx.params.sceneId,
        patchOf(form),
        version,
      );
      return ctx.redirect(
        inProduction(
          ctx.params.slug,
          `/script/${ctx.params.id}/scenes/${ctx.params.sceneId}?saved`,
        ),
        303,
      );
    } catch (error) {
      const e = toApiError(error);
      const message = e.code === "version_conflict"
        ? "Someone else changed this scene meanwhile; this is the current version."
        : e.message;
      return await render(ctx, {
        message,
        ...(form.get("intent") === "notes"
          ? { notes: form.get("notes") ?? "" }
          : {}),
      }, e.status);
    }
  },
});

export default define.page<typeof handler>(function SheetPage(
  { data, params },
) {
  const { script, scene, previous, next } = data;
  const base = inProduction(params.slug, `/script/${script.id}`);
  return (
    <>
      <header class="page-header sheet-header">
        <p class="eyebrow">
          <a href={inProduction(params.slug, "/script")}>Scripts</a> ·{" "}
          <a href={base}>{script.title}</a> · Draft {scene.draftVersion}
        </p>
        <h1>
          <span class="sheet-number">{sceneNumber(scene)}</span>
          {scene.heading}
        </h1>
        <p class="muted">
          Breakdown sheet · {sceneName(scene)}{" "}
          <ChangeMarks
            change={scene.change}
            needsReview={scene.needsReview}
            firstDraft={scene.draftVersion === 1}
          />
        </p>
        {
          /* "All scenes" keeps its place at the start of the row on every
            scene; previous and next sit together at the end. */
        }
        <nav class="sheet-nav" aria-label="Scenes">
          <a class="button button-small button-quiet sheet-nav-all" href={base}>
            All scenes
          </a>
          {(previous || next) && (
            <span class="sheet-nav-steps">
              {previous && (
                <a
                  class="button button-small"
                  rel="prev"
                  href={`${base}/scenes/${previous.id}`}
                >
                  ← {previous.name}
                </a>
              )}
              {next && (
                <a
                  class="button button-small"
                  rel="next"
                  href={`${base}/scenes/${next.id}`}
                >
                  {next.name} →
                </a>
              )}
            </span>
          )}
        </nav>
      </header>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      {data.readOnly && (
        <p class="notice script-history" role="note">
          This scene belongs to draft{" "}
          {scene.draftVersion}, which is history: read-only.{" "}
          <a href={base}>Go to the current draft</a>.
        </p>
      )}
      <BreakdownSheet
        scriptId={script.id}
        scene={scene}
        abilities={data.abilities}
        readOnly={data.readOnly}
        viewerId={data.viewerId}
        posted={data.posted}
      />
      <details class="sheet-text">
        <summary>Scene text</summary>
        <div class="screenplay">
          <ScreenplayScene scene={scene} />
        </div>
      </details>
      <RecordPanels {...data.panels} />
    </>
  );
});

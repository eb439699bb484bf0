import { type Context, page } from "fresh";
import type {
  PostedForm,
  ShotAbilities,
  ShotIntent,
} from "@/components/vfx/model.ts";
import { fieldErrors } from "@/components/vfx/model.ts";
import { RecordPanels } from "@/components/records/RecordPanels.tsx";
import ShotLive from "@/islands/ShotLive.tsx";
import { listFiles } from "@/lib/assets/service.ts";
import { readForm } from "@/lib/http/body.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { requireModule } from "@/server/module_page.ts";
import { recordPanels } from "@/server/record_panels.ts";
import { type Actor, can } from "@/lib/policy.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { define, type State } from "@/server/state.ts";
import { teamRoster } from "@/lib/team/service.ts";
import {
  NewVersionSchema,
  ReviewInputSchema,
  SHOT_STATUSES,
  ShotStatusSchema,
} from "@/lib/vfx/schemas.ts";
import { sceneRefs } from "@/lib/vfx/scene_links.ts";
import { manualTargets, movesBetween } from "@/lib/vfx/status.ts";
import {
  getShot,
  reviewVersion,
  submitVersion,
  updateShot,
} from "@/lib/vfx/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { inProduction } from "@/lib/production/paths.ts";

/** Messages after a form post without JavaScript (`?submitted` …). */
const NOTICES: Record<string, string> = {
  submitted: "Version submitted: the shot is pending review.",
  approved: "Version approved.",
  changes: "Changes requested: the shot goes back to the VFX team.",
  moved: "Status changed.",
};

/** What `actor` may do on any shot, by status (status.ts and the policy). */
function abilitiesOf(actor: Actor): ShotAbilities {
  return {
    moves: Object.fromEntries(
      SHOT_STATUSES.map((s) => [s, manualTargets(actor, s)]),
    ) as ShotAbilities["moves"],
    submitFrom: can(actor, "vfx", "submit_version")
      ? SHOT_STATUSES.filter((s) =>
        movesBetween(s, "pending_review").includes("submit")
      )
      : [],
    canReview: can(actor, "vfx", "review"),
  };
}

/** The page: the shot with its versions, names, currency, abilities. */
async function render(
  ctx: Context<State>,
  posted: PostedForm | null = null,
  status = 200,
) {
  requireModule(ctx, "vfx");
  const user = ctx.state.user!;
  const { kv } = ctx.state;
  const cx = serviceContextOf(ctx);
  const [detail, team, library, scenes, panels] = await Promise.all([
    // A missing shot is the not-found page (an HttpError 404), as before.
    getShot(cx, ctx.params.id).catch((error) => {
      throw error instanceof NotFoundError ? toApiError(error) : error;
    }),
    teamRoster(cx),
    listFiles(cx),
    sceneRefs(kv, user),
    recordPanels(ctx, { type: "shot", id: ctx.params.id }),
  ]);
  const shown = posted === null
    ? Object.keys(NOTICES).find((key) => ctx.url.searchParams.has(key))
    : undefined;
  return page({
    detail,
    names: Object.fromEntries(team.map((u) => [u.id, u.name])),
    files: library.map((a) => ({ id: a.id, name: a.name })),
    scenes,
    timeZone: timeZoneOf(ctx.state.production),
    currency: ctx.state.production!.currency,
    abilities: abilitiesOf(user),
    viewerId: user.id,
    notice: shown ? NOTICES[shown] : null,
    posted,
    panels,
  }, { status });
}

/** A refused form: its values and messages, rendered again with `status`. */
function refused(
  ctx: Context<State>,
  intent: ShotIntent,
  values: Record<string, string>,
  status: number,
  message: string | null,
  errors: Record<string, string> = {},
) {
  return render(ctx, { intent, values, errors, message }, status);
}

export const handler = define.handlers({
  GET: (ctx) => render(ctx),
  /**
   * The forms without JavaScript, by `intent`: `submit` (a version with
   * notes), `review` (`decision` and `note` on version `number`) and
   * `status` (a manual move, `version` guarding against stale pages).
   * Success redirects (303) back to the shot; a refusal renders the page
   * again with the messages and what was typed.
   */
  async POST(ctx) {
    requireModule(ctx, "vfx");
    const cx = serviceContextOf(ctx);
    const id = ctx.params.id;
    const back = (notice: string) =>
      ctx.redirect(
        inProduction(
          ctx.params.slug,
          `/vfx/${encodeURIComponent(id)}?${notice}`,
        ),
        303,
      );
    const form = await readForm(ctx.req);
    const text = (name: string) => form.get(name) ?? "";
    const intent = text("intent");

    if (intent === "submit") {
      const values = { notes: text("notes"), assetId: text("assetId") };
      const parsed = NewVersionSchema.safeParse({
        ...values,
        assetId: values.assetId || null,
      });
      if (!parsed.success) {
        return refused(
          ctx,
          "submit",
          values,
          400,
          "Check the notes.",
          fieldErrors(parsed.error.issues),
        );
      }
      try {
        await submitVersion(cx, id, parsed.data);
        return back("submitted");
      } catch (error) {
        const e = toApiError(error);
        return refused(ctx, "submit", values, e.status, e.message);
      }
    }

    if (intent === "review") {
      const values = { note: text("note"), decision: text("decision") };
      const number = Number(text("number"));
      const recordVersion = Number(text("reviewVersion"));
      const parsed = ReviewInputSchema.safeParse(values);
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error.issues);
        return refused(
          ctx,
          "review",
          values,
          400,
          errors.decision
            ? "Choose to approve or to request changes."
            : "Check the note.",
          errors,
        );
      }
      if (!Number.isSafeInteger(number) || number < 1) {
        return refused(ctx, "review", values, 400, "Pick a version to review.");
      }
      try {
        await reviewVersion(
          cx,
          id,
          number,
          parsed.data,
          Number.isSafeInteger(recordVersion) && recordVersion > 0
            ? recordVersion
            : undefined,
        );
        return back(
          parsed.data.decision === "approve" ? "approved" : "changes",
        );
      } catch (error) {
        const e = toApiError(error);
        const message = e.code === "version_conflict"
          ? "Someone reviewed this version meanwhile; this is the latest state."
          : e.message;
        return refused(ctx, "review", values, e.status, message);
      }
    }

    if (intent === "status") {
      const to = ShotStatusSchema.safeParse(text("status"));
      const version = Number(text("version"));
      if (!to.success || !Number.isSafeInteger(version)) {
        return refused(ctx, "status", {}, 400, "Pick a status to move to.");
      }
      try {
        await updateShot(cx, id, { status: to.data }, version);
        return back("moved");
      } catch (error) {
        const e = toApiError(error);
        const message = e.code === "version_conflict"
          ? "Someone changed this shot meanwhile; this is the latest version."
          : e.message;
        return refused(ctx, "status", {}, e.status, message);
      }
    }

    return refused(ctx, "status", {}, 400, "Unknown form action.");
  },
});

export default define.page<typeof handler>(function ShotPage({ data }) {
  return (
    <>
      <ShotLive
        initial={data.detail}
        names={data.names}
        scenes={data.scenes}
        timeZone={data.timeZone}
        files={data.files}
        currency={data.currency}
        abilities={data.abilities}
        viewerId={data.viewerId}
        notice={data.notice}
        posted={data.posted}
      />
      <RecordPanels {...data.panels} />
    </>
  );
});

import { useModel } from "@preact/signals";
import {
  lastChange,
  type PostedForm,
  type ShotAbilities,
  type ShotDetail,
} from "@/components/vfx/model.ts";
import { ShotFacts } from "@/components/vfx/ShotFacts.tsx";
import {
  noReviewReason,
  noSubmitReason,
  ReviewForm,
  StatusActions,
  SubmitVersionForm,
} from "@/components/vfx/ShotForms.tsx";
import { ShotModel } from "@/components/vfx/shot_model.ts";
import { StatusPill } from "@/components/vfx/StatusPill.tsx";
import { VersionHistory } from "@/components/vfx/VersionHistory.tsx";
import { browserWorld } from "@/components/world.ts";
import type { ReviewDecision, SceneRef, ShotStatus } from "@/lib/vfx/shared.ts";
import { useHref } from "@/components/production_path.ts";

/**
 * One shot, live: details, the status moves the viewer may make, the
 * version history, "Submit a version" (VFX team) and the review of the
 * latest version (director, producer). Every `vfx_update` of this shot
 * updates it in place. The forms post to the page without JavaScript; here
 * they go to the JSON API and the page stays put. State and actions live
 * in `ShotModel`.
 */
export default function ShotLive(props: {
  initial: ShotDetail;
  names: Record<string, string>;
  /** Scenes of the scripts' current drafts by key. */
  scenes: Record<string, SceneRef>;
  /** The production's time zone, for dates. */
  timeZone: string;
  /** Files in the assets library a version may point at. */
  files: { id: string; name: string }[];
  currency: string;
  abilities: ShotAbilities;
  viewerId: string;
  /** A success message after a post without JavaScript. */
  notice: string | null;
  /** A form the server refused (post without JavaScript). */
  posted: PostedForm | null;
}) {
  const model = useModel(() => new ShotModel(browserWorld(), props));
  const href = useHref();
  const { abilities, currency, names, scenes, timeZone } = props;

  function moveStatus(e: SubmitEvent) {
    e.preventDefault();
    const button = e.submitter as HTMLButtonElement | null;
    const to = button?.value as ShotStatus | undefined;
    if (to) model.moveStatus(to);
  }

  async function submitVersion(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const stored = await model.submitVersion({
      notes: String(data.get("notes") ?? ""),
      assetId: String(data.get("assetId") ?? "") || null,
    });
    const field = form.elements.namedItem("notes");
    if (stored && field instanceof HTMLTextAreaElement) field.value = "";
  }

  function review(e: SubmitEvent) {
    e.preventDefault();
    const decision = (e.submitter as HTMLButtonElement | null)
      ?.value as ReviewDecision | undefined;
    const data = new FormData(e.currentTarget as HTMLFormElement);
    if (!decision) return;
    model.review({
      decision,
      number: Number(data.get("number")),
      reviewVersion: Number(data.get("reviewVersion")),
      note: String(data.get("note") ?? ""),
    });
  }

  const { shot, versions } = model.detail.value;
  const { latest, reviewable, submittable, targets } = model.choices.value;
  const mayEverSubmit = abilities.submitFrom.length > 0;
  const forms = model.forms.value;
  const posted = model.postedValues.value;
  const busy = model.busy.value;
  const statusFlash = model.statusFlashing.value;

  return (
    <div class="shot-page">
      <div class="visually-hidden" role="status" aria-live="polite">
        {model.announcement.value}
      </div>
      <header class="page-header shot-header">
        <p class="eyebrow">
          <a href={href("/vfx")}>VFX shots</a> · {shot.vendor || "No vendor"}
        </p>
        <div class="shot-title">
          <h1>{shot.code}</h1>
          <StatusPill status={shot.status} flash={statusFlash} />
        </div>
        {shot.description && <p class="shot-summary">{shot.description}</p>}
      </header>
      {model.notice.value && (
        <p class="notice" role="status">{model.notice.value}</p>
      )}
      {model.orphaned.value.map((message) => (
        <p key={message} class="form-error" role="alert">{message}</p>
      ))}
      {model.liveNote.value && (
        <p class="live-note" role="status">{model.liveNote.value}</p>
      )}
      <div class="shot-layout">
        <div class="shot-main">
          {reviewable && latest && (
            <ReviewForm
              key={`review-${latest.number}`}
              version={latest}
              note={posted.review.note ?? ""}
              busy={busy === "review"}
              {...forms.review}
              onSubmit={review}
            />
          )}
          {submittable && (
            <SubmitVersionForm
              key={`submit-${shot.versionCount}`}
              shot={shot}
              notes={posted.submit.notes ?? ""}
              files={props.files}
              busy={busy === "submit"}
              {...forms.submit}
              onSubmit={submitVersion}
            />
          )}
          <section class="card" aria-labelledby="versions-title">
            <h2 id="versions-title" class="card-title-count">
              Versions <span class="count">{versions.length}</span>
            </h2>
            {mayEverSubmit && !submittable && (
              <p class="muted submit-closed" data-submit="closed">
                {noSubmitReason(shot)}
              </p>
            )}
            {!mayEverSubmit && abilities.canReview && !reviewable &&
              shot.status !== "pending_review" && (
              <p class="muted" data-review="closed">
                {noReviewReason(shot)}
              </p>
            )}
            <VersionHistory
              shot={shot}
              versions={versions}
              files={props.files}
              timeZone={timeZone}
              flashing={model.versionsFlashing.value}
            />
          </section>
        </div>
        <aside class="shot-side">
          <section class="card" aria-labelledby="details-title">
            <h2 id="details-title">Details</h2>
            <ShotFacts
              shot={shot}
              updatedAt={lastChange(shot, versions)}
              names={names}
              scenes={scenes}
              currency={currency}
              timeZone={timeZone}
              flash={statusFlash}
            />
            <StatusActions
              shot={shot}
              targets={targets}
              busy={busy === "status"}
              {...forms.status}
              onSubmit={moveStatus}
            />
          </section>
        </aside>
      </div>
    </div>
  );
}

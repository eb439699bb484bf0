import { useSignal } from "@preact/signals";
import { type ApiFailure, failureText, send } from "@/components/api.ts";
import { useFlash } from "@/components/use_flash.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import {
  applyDetail,
  describeUpdate,
  fieldErrors,
  lastChange,
  type PostedForm,
  type ShotAbilities,
  type ShotDetail,
  type ShotIntent,
} from "@/components/vfx/model.ts";
import { ShotFacts } from "@/components/vfx/ShotFacts.tsx";
import {
  noReviewReason,
  noSubmitReason,
  ReviewForm,
  StatusActions,
  SubmitVersionForm,
} from "@/components/vfx/ShotForms.tsx";
import { StatusPill } from "@/components/vfx/StatusPill.tsx";
import { VersionHistory } from "@/components/vfx/VersionHistory.tsx";
import { DECISION_LABELS, STATUS_LABELS } from "@/lib/vfx/shared.ts";
import type { SceneRef } from "@/lib/vfx/shared.ts";
import type {
  ReviewDecision,
  Shot,
  ShotStatus,
  ShotVersion,
} from "@/lib/vfx/shared.ts";

interface FormFeedback {
  errors: Record<string, string>;
  message: string | null;
}

const FLASH_MS = 1_500;
const NO_FEEDBACK: FormFeedback = { errors: {}, message: null };

/**
 * One shot, live: details, the status moves the viewer may make, the
 * version history, "Submit a version" (VFX team) and the review of the
 * latest version (director, producer). Every `vfx_update` of this shot
 * updates it in place. The forms post to the page without JavaScript; here
 * they go to the JSON API and the page stays put.
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
  const detail = useSignal(props.initial);
  const busy = useSignal<ShotIntent | null>(null);
  const feedback = useSignal<Partial<Record<ShotIntent, FormFeedback>>>(
    props.posted
      ? {
        [props.posted.intent]: {
          errors: props.posted.errors,
          message: props.posted.message,
        },
      }
      : {},
  );
  const notice = useSignal<string | null>(props.notice);
  // What a refused post had typed; forgotten once a form succeeds here.
  const posted = useSignal(props.posted);
  const liveNote = useSignal<string | null>(null);
  const announcement = useSignal("");
  const statusFlash = useFlash<"status">(FLASH_MS);
  const versionFlash = useFlash<number>(FLASH_MS);
  const flashing = versionFlash.flashing;
  const { abilities, currency, names, scenes, timeZone, viewerId } = props;
  const shotId = props.initial.shot.id;
  const apiUrl = `/api/vfx/shots/${encodeURIComponent(shotId)}`;

  const flash = (status: boolean, numbers: number[]) => {
    if (status) statusFlash.flash("status");
    versionFlash.flash(...numbers);
  };

  /** Applies a newer shot (and version) and highlights what changed. */
  const apply = (shot: Shot, version?: ShotVersion) => {
    const before = detail.value.shot;
    detail.value = applyDetail(detail.value, shot, version);
    flash(
      detail.value.shot.status !== before.status,
      version ? [version.number] : [],
    );
  };

  const setFeedback = (intent: ShotIntent, value: FormFeedback) => {
    feedback.value = { ...feedback.value, [intent]: value };
    if (value.message) announcement.value = value.message;
  };

  async function reload() {
    detail.value = await send<ShotDetail>("GET", apiUrl);
  }

  useRealtime("vfx_update", (event) => {
    const update = event.data;
    if (update.shot.id !== shotId) return;
    const known = detail.value.shot.version;
    apply(update.shot, update.version);
    const mine = update.version?.review?.by === viewerId ||
      (update.action === "version_submitted" &&
        update.version?.submittedBy === viewerId) ||
      update.shot.version <= known;
    if (!mine) {
      // Someone else moved the shot on: old form messages are moot.
      feedback.value = {};
      liveNote.value = describeUpdate(update, (s) => STATUS_LABELS[s]);
      notice.value = null;
      announcement.value = liveNote.value;
    }
  }, () => {
    reload().catch(() => {
      liveNote.value = "This shot could not be reloaded. Refresh the page.";
    });
  });

  /** Runs one form's API call with its busy state and feedback. */
  async function run(
    intent: ShotIntent,
    call: () => Promise<string>,
    rename: Record<string, string> = {},
  ) {
    busy.value = intent;
    feedback.value = {};
    notice.value = null;
    liveNote.value = null;
    try {
      notice.value = await call();
      posted.value = null;
      announcement.value = notice.value;
    } catch (failure) {
      const f = failure as ApiFailure;
      const errors = f.error?.code === "validation"
        ? fieldErrors(f.error.details, rename)
        : {};
      const current = (f.error?.details as { current?: Shot } | undefined)
        ?.current;
      let message: string;
      if (Object.keys(errors).length > 0) {
        message = "Check the highlighted field.";
      } else if (f.error?.code === "version_conflict") {
        message =
          "Someone changed this shot meanwhile; the page now shows the latest version.";
      } else {
        message = failureText(failure, "That did not work");
      }
      setFeedback(intent, { errors, message });
      if (f.status === 409 || f.status === 404) {
        if (current?.id === shotId && "code" in current) apply(current);
        else reload().catch(() => {});
      }
    } finally {
      busy.value = null;
    }
  }

  function moveStatus(e: SubmitEvent) {
    e.preventDefault();
    const button = e.submitter as HTMLButtonElement | null;
    const to = button?.value as ShotStatus | undefined;
    const { shot } = detail.value;
    if (!to) return;
    if (
      to === "omitted" &&
      !confirm(`Omit ${shot.code}? It leaves the pipeline until restored.`)
    ) return;
    run("status", async () => {
      const after = await send<Shot>(
        "PATCH",
        apiUrl,
        { status: to },
        shot.version,
      );
      apply(after);
      return `${after.code} is now ${
        STATUS_LABELS[after.status].toLowerCase()
      }.`;
    });
  }

  function submitVersion(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const notes = String(data.get("notes") ?? "");
    const assetId = String(data.get("assetId") ?? "") || null;
    run("submit", async () => {
      const result = await send<{ shot: Shot; version: ShotVersion }>(
        "POST",
        `${apiUrl}/versions`,
        { notes, assetId },
      );
      apply(result.shot, result.version);
      const field = form.elements.namedItem("notes");
      if (field instanceof HTMLTextAreaElement) field.value = "";
      return `Submitted v${result.version.number}: the shot is pending review.`;
    });
  }

  function review(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const decision = (e.submitter as HTMLButtonElement | null)
      ?.value as ReviewDecision | undefined;
    const data = new FormData(form);
    const number = Number(data.get("number"));
    const reviewVersion = Number(data.get("reviewVersion"));
    if (!decision) return;
    run("review", async () => {
      const result = await send<{ shot: Shot; version: ShotVersion }>(
        "PATCH",
        `${apiUrl}/versions/${number}`,
        { decision, note: String(data.get("note") ?? "") },
        reviewVersion,
      );
      apply(result.shot, result.version);
      return `v${result.version.number}: ${
        DECISION_LABELS[decision].toLowerCase()
      }. The shot is now ${STATUS_LABELS[result.shot.status].toLowerCase()}.`;
    });
  }

  const { shot, versions } = detail.value;
  const latest = versions.find((v) => v.number === shot.versionCount);
  const reviewable = abilities.canReview && shot.status === "pending_review" &&
    latest !== undefined && latest.review === null;
  const mayEverSubmit = abilities.submitFrom.length > 0;
  const submittable = abilities.submitFrom.includes(shot.status);
  const fb = (intent: ShotIntent) => feedback.value[intent] ?? NO_FEEDBACK;
  const targets = abilities.moves[shot.status] ?? [];
  // A refusal whose form is gone (the shot moved on, e.g. someone else
  // reviewed first) is shown at the top instead, never lost.
  const formShown: Record<ShotIntent, boolean> = {
    review: reviewable,
    submit: submittable,
    status: targets.length > 0,
  };
  const orphaned = (Object.keys(feedback.value) as ShotIntent[])
    .filter((intent) => !formShown[intent])
    .map((intent) => feedback.value[intent]?.message)
    .filter((message): message is string => Boolean(message));
  const postedValue = (intent: ShotIntent, name: string) =>
    posted.value?.intent === intent ? posted.value.values[name] ?? "" : "";

  return (
    <div class="shot-page">
      <div class="visually-hidden" role="status" aria-live="polite">
        {announcement.value}
      </div>
      <header class="page-header shot-header">
        <p class="eyebrow">
          <a href="/vfx">VFX shots</a> · {shot.vendor || "No vendor"}
        </p>
        <div class="shot-title">
          <h1>{shot.code}</h1>
          <StatusPill
            status={shot.status}
            flash={statusFlash.flashing.value.has("status")}
          />
        </div>
        {shot.description && <p class="shot-summary">{shot.description}</p>}
      </header>
      {notice.value && <p class="notice" role="status">{notice.value}</p>}
      {orphaned.map((message) => (
        <p key={message} class="form-error" role="alert">{message}</p>
      ))}
      {liveNote.value && <p class="live-note" role="status">{liveNote.value}
      </p>}
      <div class="shot-layout">
        <div class="shot-main">
          {reviewable && latest && (
            <ReviewForm
              key={`review-${latest.number}`}
              version={latest}
              note={postedValue("review", "note")}
              busy={busy.value === "review"}
              {...fb("review")}
              onSubmit={review}
            />
          )}
          {submittable && (
            <SubmitVersionForm
              key={`submit-${shot.versionCount}`}
              shot={shot}
              notes={postedValue("submit", "notes")}
              files={props.files}
              busy={busy.value === "submit"}
              {...fb("submit")}
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
              flashing={flashing.value}
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
              flash={statusFlash.flashing.value.has("status")}
            />
            <StatusActions
              shot={shot}
              targets={targets}
              busy={busy.value === "status"}
              {...fb("status")}
              onSubmit={moveStatus}
            />
          </section>
        </aside>
      </div>
    </div>
  );
}

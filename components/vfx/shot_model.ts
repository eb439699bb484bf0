/**
 * One shot's page as a signal model: the shot and its versions kept live
 * by `vfx_update` events, what the viewer may do now (derived from the
 * abilities the server worked out), each form's busy state and feedback,
 * and the three actions (move the status, submit a version, review the
 * latest). The world (API, live client, clock, confirm) is injected, so
 * tests drive it without a DOM.
 *
 * @module
 */
import { computed, createModel, signal } from "@preact/signals";
import {
  DECISION_LABELS,
  type ReviewDecision,
  type Shot,
  type ShotStatus,
  type ShotVersion,
  STATUS_LABELS,
} from "@/lib/vfx/shared.ts";
import type { ApiFailure } from "@/components/api.ts";
import { followRealtime, modelFlash, type World } from "@/components/world.ts";
import {
  applyDetail,
  describeUpdate,
  type PostedForm,
  refusal,
  type ShotAbilities,
  shotChoices,
  type ShotDetail,
  type ShotIntent,
} from "./model.ts";

/** A form's errors and message after its last attempt. */
export interface FormFeedback {
  errors: Record<string, string>;
  message: string | null;
}

/** What the page gives the model. */
export interface ShotInit {
  initial: ShotDetail;
  abilities: ShotAbilities;
  viewerId: string;
  /** A success message after a post without JavaScript. */
  notice: string | null;
  /** A form the server refused (post without JavaScript). */
  posted: PostedForm | null;
}

/** A review as the form sends it. */
export interface ReviewInput {
  decision: ReviewDecision;
  /** The version's number and its record version (If-Match). */
  number: number;
  reviewVersion: number;
  note: string;
}

const FLASH_MS = 1_500;
const NO_FEEDBACK: FormFeedback = { errors: {}, message: null };

/** The shot page's state, what it allows now, and its actions. */
export const ShotModel = createModel((world: World, init: ShotInit) => {
  const { abilities, viewerId } = init;
  const detail = signal(init.initial);
  const busy = signal<ShotIntent | null>(null);
  const feedback = signal<Partial<Record<ShotIntent, FormFeedback>>>(
    init.posted
      ? {
        [init.posted.intent]: {
          errors: init.posted.errors,
          message: init.posted.message,
        },
      }
      : {},
  );
  const notice = signal<string | null>(init.notice);
  // What a refused post had typed; forgotten once a form succeeds here.
  const posted = signal(init.posted);
  const liveNote = signal<string | null>(null);
  const announcement = signal("");
  const statusFlash = modelFlash<"status">(world, FLASH_MS);
  const versionFlash = modelFlash<number>(world, FLASH_MS);
  const shotId = init.initial.shot.id;
  const apiUrl = `/api/vfx/shots/${encodeURIComponent(shotId)}`;

  /** Applies a newer shot (and version) and highlights what changed. */
  function apply(shot: Shot, version?: ShotVersion) {
    const before = detail.value.shot;
    detail.value = applyDetail(detail.value, shot, version);
    if (detail.value.shot.status !== before.status) statusFlash.flash("status");
    versionFlash.flash(...(version ? [version.number] : []));
  }

  async function reload() {
    detail.value = await world.send<ShotDetail>("GET", apiUrl);
  }

  followRealtime(world, ["vfx_update"], ({ data: update }) => {
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
  ): Promise<boolean> {
    busy.value = intent;
    feedback.value = {};
    notice.value = null;
    liveNote.value = null;
    try {
      notice.value = await call();
      posted.value = null;
      announcement.value = notice.value;
      return true;
    } catch (failure) {
      const f = failure as ApiFailure;
      const { errors, message } = refusal(f, rename);
      const current = (f.error?.details as { current?: Shot } | undefined)
        ?.current;
      feedback.value = { ...feedback.value, [intent]: { errors, message } };
      announcement.value = message;
      if (f.status === 409 || f.status === 404) {
        if (current?.id === shotId && "code" in current) apply(current);
        else reload().catch(() => {});
      }
      return false;
    } finally {
      busy.value = null;
    }
  }

  /** Moves the shot to `to` (omitting it only once confirmed). */
  async function moveStatus(to: ShotStatus): Promise<void> {
    const { shot } = detail.value;
    if (
      to === "omitted" &&
      !world.confirm(
        `Omit ${shot.code}? It leaves the pipeline until restored.`,
      )
    ) return;
    await run("status", async () => {
      const after = await world.send<Shot>(
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

  /** Submits a new version; resolves to whether it was stored. */
  function submitVersion(
    input: { notes: string; assetId: string | null },
  ): Promise<boolean> {
    return run("submit", async () => {
      const result = await world.send<{ shot: Shot; version: ShotVersion }>(
        "POST",
        `${apiUrl}/versions`,
        input,
      );
      apply(result.shot, result.version);
      return `Submitted v${result.version.number}: the shot is pending review.`;
    });
  }

  /** Approves the latest version or asks for changes. */
  async function review(input: ReviewInput): Promise<void> {
    await run("review", async () => {
      const result = await world.send<{ shot: Shot; version: ShotVersion }>(
        "PATCH",
        `${apiUrl}/versions/${input.number}`,
        { decision: input.decision, note: input.note },
        input.reviewVersion,
      );
      apply(result.shot, result.version);
      return `v${result.version.number}: ${
        DECISION_LABELS[input.decision].toLowerCase()
      }. The shot is now ${STATUS_LABELS[result.shot.status].toLowerCase()}.`;
    });
  }

  const choices = computed(() => shotChoices(detail.value, abilities));
  // A refusal whose form is gone (the shot moved on, e.g. someone else
  // reviewed first) is shown at the top instead, never lost.
  const orphaned = computed(() => {
    const { reviewable, submittable, targets } = choices.value;
    const shown: Record<ShotIntent, boolean> = {
      review: reviewable,
      submit: submittable,
      status: targets.length > 0,
    };
    return (Object.keys(feedback.value) as ShotIntent[])
      .filter((intent) => !shown[intent])
      .map((intent) => feedback.value[intent]?.message)
      .filter((message): message is string => Boolean(message));
  });

  return {
    detail,
    busy,
    notice,
    liveNote,
    announcement,
    /** Whether the status pill flashes. */
    statusFlashing: computed(() => statusFlash.flashing.value.has("status")),
    /** Version numbers that flash. */
    versionsFlashing: versionFlash.flashing,
    /** The forms the viewer gets now. */
    choices,
    orphaned,
    /** Each form's errors and message (none yet: empty). */
    forms: computed(() => ({
      status: feedback.value.status ?? NO_FEEDBACK,
      submit: feedback.value.submit ?? NO_FEEDBACK,
      review: feedback.value.review ?? NO_FEEDBACK,
    })),
    /** What a refused post had typed in its form (nothing elsewhere). */
    postedValues: computed(() => {
      const values = (intent: ShotIntent) =>
        posted.value?.intent === intent ? posted.value.values : {};
      return {
        status: values("status"),
        submit: values("submit"),
        review: values("review"),
      };
    }),
    moveStatus,
    submitVersion,
    review,
  };
});

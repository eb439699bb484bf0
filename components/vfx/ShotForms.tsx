import {
  DECISION_ACTIONS,
  isDestructiveMove,
  moveLabel,
  type Shot,
  type ShotStatus,
  type ShotVersion,
} from "@/lib/vfx/shared.ts";
import { ErrorSummary, fieldErrors } from "@/components/FormFields.tsx";

/**
 * The shot page's forms. Each is a real form posting to the page (which
 * works without JavaScript); the island passes `onSubmit` to send it to the
 * JSON API instead and stay on the page. Text fields are uncontrolled
 * (`defaultValue`): live updates re-render the page and must not wipe what
 * is being typed.
 */
interface FormState {
  busy: boolean;
  errors: Record<string, string>;
  message: string | null;
  onSubmit?: (e: SubmitEvent) => void;
}

/** The fields of each form, as the error summary names them. */
const SUBMIT_LABELS = { notes: "Notes", assetId: "File" };
const REVIEW_LABELS = { note: "Note" };

/** The status moves the viewer may make by hand, one button each. */
export function StatusActions(
  { shot, targets, busy, message, onSubmit }: FormState & {
    shot: Shot;
    targets: readonly ShotStatus[];
  },
) {
  if (targets.length === 0) return null;
  return (
    <form
      method="post"
      class="status-actions"
      aria-labelledby="status-actions-title"
      onSubmit={onSubmit}
    >
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="version" value={shot.version} />
      <p id="status-actions-title" class="status-actions-title">
        Change status
      </p>
      <div class="button-row">
        {targets.map((to) => (
          <button
            key={to}
            type="submit"
            name="status"
            value={to}
            class={`button button-small${
              isDestructiveMove(to) ? " button-delete" : ""
            }`}
            disabled={busy}
            data-move={to}
          >
            {moveLabel(shot.status, to)}
          </button>
        ))}
      </div>
      <ErrorSummary prefix="status" errors={{}} labels={{}} message={message} />
    </form>
  );
}

/** Why the VFX team cannot submit a version of `shot` now. */
export function noSubmitReason(shot: Shot): string {
  switch (shot.status) {
    case "pending_review":
      return `v${shot.versionCount} is waiting for review. The next version can be submitted once the director or producer has reviewed it.`;
    case "approved":
      return "The shot is approved: it takes no new versions.";
    case "final":
      return "The shot is final: it takes no new versions.";
    case "omitted":
      return "The shot is omitted. Restore it to not started to submit versions.";
    default:
      return "This shot cannot take a new version now.";
  }
}

/** Why nothing waits for a reviewer's decision on `shot`. */
export function noReviewReason(shot: Shot): string {
  switch (shot.status) {
    case "approved":
    case "final":
      return "Signed off: approved and final shots take no new versions.";
    case "omitted":
      return "The shot is omitted. Once restored, its next version comes here for review.";
    default:
      return "Nothing to review yet: the VFX team's next version appears here for review.";
  }
}

/** "Submit a version" (VFX team): notes, then the shot goes to review. */
export function SubmitVersionForm(
  { shot, notes, files, busy, errors, message, onSubmit }: FormState & {
    shot: Shot;
    /** Notes to start from (after a refused post without JavaScript). */
    notes: string;
    /** Files of the assets library the version may point at. */
    files: { id: string; name: string }[];
  },
) {
  const next = shot.versionCount + 1;
  const { field, error } = fieldErrors(
    "submit",
    errors,
    Object.keys(SUBMIT_LABELS),
  );
  return (
    <section class="card shot-form-card" aria-labelledby="submit-title">
      <h2 id="submit-title">Submit a version</h2>
      <form method="post" class="shot-form" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="submit" />
        <p class="muted">
          This will be{" "}
          <strong>v{next}</strong>. Submitting sends the shot to the director
          and producer for review.
        </p>
        <ErrorSummary
          prefix="submit"
          errors={errors}
          labels={SUBMIT_LABELS}
          message={message}
        />
        <label class="field">
          <span>Notes</span>
          <textarea
            name="notes"
            rows={4}
            maxLength={5000}
            placeholder="What changed in this version?"
            defaultValue={notes}
            {...field("notes")}
          />
          {error("notes")}
        </label>
        <label class="field">
          <span>File (optional)</span>
          <select name="assetId" {...field("assetId")}>
            <option value="">No file</option>
            {files.map((f) => <option key={f.id} value={f.id}>{f.name}
            </option>)}
          </select>
          {error("assetId")}
        </label>
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? "Submitting…" : `Submit v${next} for review`}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * The review of the latest version (director, producer): approve, or
 * request changes with a note saying what to change.
 */
export function ReviewForm(
  { version, note, busy, errors, message, onSubmit }: FormState & {
    /** The latest version, waiting for review. */
    version: ShotVersion;
    /** Note to start from (after a refused post without JavaScript). */
    note: string;
  },
) {
  const { field, error } = fieldErrors(
    "review",
    errors,
    Object.keys(REVIEW_LABELS),
  );
  return (
    <section
      class="card shot-form-card review-card"
      aria-labelledby="review-title"
    >
      <h2 id="review-title">Review v{version.number}</h2>
      <form method="post" class="shot-form" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="number" value={version.number} />
        <input type="hidden" name="reviewVersion" value={version.version} />
        <p class="muted">
          Approving signs the shot off. Requesting changes sends it back to{" "}
          {version.submittedByName} with your note.
        </p>
        <ErrorSummary
          prefix="review"
          errors={errors}
          labels={REVIEW_LABELS}
          message={message}
        />
        <label class="field">
          <span>Note</span>
          <textarea
            name="note"
            rows={3}
            maxLength={5000}
            placeholder="Required when requesting changes"
            defaultValue={note}
            {...field("note", errors.note ? undefined : "review-note-hint")}
          />
          {errors.note
            ? error("note")
            : (
              <span class="field-hint" id="review-note-hint">
                Say what needs to change; optional for an approval.
              </span>
            )}
        </label>
        <div class="form-actions review-actions">
          <button
            type="submit"
            name="decision"
            value="request_changes"
            class="button"
            disabled={busy}
          >
            {DECISION_ACTIONS.request_changes}
          </button>
          <button
            type="submit"
            name="decision"
            value="approve"
            class="button button-primary"
            disabled={busy}
          >
            {DECISION_ACTIONS.approve} v{version.number}
          </button>
        </div>
      </form>
    </section>
  );
}

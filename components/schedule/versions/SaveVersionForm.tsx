import { useSignal } from "@preact/signals";
import { ApiFailure, failureText, send } from "@/components/api.ts";
import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  issueErrors,
} from "@/components/FormFields.tsx";
import {
  MAX_VERSION_NAME,
  type ScheduleVersionMeta,
} from "@/lib/schedule/shared.ts";

const LABELS = { name: "Name" };

/**
 * Save the working board as a named version ("White — locked
 * 2027-02-01"), locked as the shooting schedule when the box is ticked
 * (for who may lock).
 */
export function SaveVersionForm(
  { canLock, onSaved }: {
    canLock: boolean;
    onSaved: (meta: ScheduleVersionMeta) => void;
  },
) {
  const busy = useSignal(false);
  const errors = useSignal<FieldErrors>({});
  const message = useSignal<string | null>(null);
  const { field, error } = fieldErrors("save-version", errors.value, ["name"]);

  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const lock = data.get("lock") === "on";
    message.value = null;
    if (name === "") {
      errors.value = { name: "Name the version" };
      return;
    }
    errors.value = {};
    busy.value = true;
    try {
      const meta = await send<ScheduleVersionMeta>(
        "POST",
        "/api/schedule/versions",
        { name, lock },
      );
      form.reset();
      onSaved(meta);
    } catch (failure) {
      const details = failure instanceof ApiFailure
        ? failure.error?.details
        : undefined;
      const issues = issueErrors(details);
      if (Object.keys(issues).length > 0) errors.value = issues;
      else message.value = failureText(failure, "Could not save the version");
    } finally {
      busy.value = false;
    }
  };

  return (
    <form
      class="card version-save"
      aria-labelledby="save-version-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <h2 id="save-version-title">Save the working schedule</h2>
      <ErrorSummary
        prefix="save-version"
        errors={errors.value}
        labels={LABELS}
        message={message.value}
      />
      <div class="version-save-fields">
        <label class="field" for="save-version-name">
          <span>Name</span>
          <input
            {...field("name", "save-version-hint")}
            type="text"
            name="name"
            maxLength={MAX_VERSION_NAME}
            placeholder="White — locked 2027-02-01"
            autoComplete="off"
            required
          />
          {error("name")}
          <span class="field-hint" id="save-version-hint">
            A copy of the board as it is now; the working board stays editable.
          </span>
        </label>
        {canLock && (
          <label class="check-field">
            <input type="checkbox" name="lock" />
            <span>Lock it as the shooting schedule</span>
          </label>
        )}
        <button
          type="submit"
          class="button button-primary"
          disabled={busy.value}
        >
          {busy.value ? "Saving…" : "Save version"}
        </button>
      </div>
    </form>
  );
}

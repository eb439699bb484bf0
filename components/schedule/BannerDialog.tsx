import { useState } from "preact/hooks";
import { EditDialog } from "@/components/EditDialog.tsx";
import { fieldErrors, formText } from "@/components/FormFields.tsx";
import {
  BANNER_KINDS,
  BANNER_LABELS,
  type BannerItem,
  type BannerKind,
  MAX_BANNER_TEXT,
} from "@/lib/schedule/shared.ts";
import type { BannerForm } from "./dialog_actions.ts";

const LABELS = {
  kind: "Kind",
  text: "Text",
  castIds: "Cast who travel",
  where: "Where",
};

/** Add a banner to a day, or change one: kind, text, travelling cast. */
export function BannerDialog(
  { day, banner, onSubmit, onClose }: {
    /** The day (0-based) a new banner goes to. */
    day: number;
    /** The banner to change; null: a new one. */
    banner: BannerItem | null;
    /** Saves; the field errors when the form does not check out. */
    onSubmit: (form: BannerForm) => Record<string, string> | null;
    onClose: () => void;
  },
) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const f = fieldErrors("banner", errors, Object.keys(LABELS));
  return (
    <EditDialog
      prefix="banner"
      title={banner ? "Edit banner" : `Add a banner to day ${day + 1}`}
      what="banner"
      labels={LABELS}
      status={{
        errors,
        message: Object.keys(errors).length > 0
          ? "Check the highlighted fields."
          : null,
        conflict: null,
        busy: false,
      }}
      submitLabel={banner ? "Save" : "Add banner"}
      onSubmit={(form) => {
        const text = formText(form);
        setErrors(
          onSubmit({
            kind: text("kind") as BannerKind,
            text: text("text"),
            castIds: text("castIds"),
            where: text("where") === "end" ? "end" : "start",
          }) ?? {},
        );
      }}
      onClose={onClose}
    >
      <label class="field">
        <span>{LABELS.kind}</span>
        <select name="kind" {...f.field("kind")} autoFocus>
          {BANNER_KINDS.map((k) => (
            <option
              key={k}
              value={k}
              selected={k === (banner?.kind ?? "travel")}
            >
              {BANNER_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{LABELS.text}</span>
        <input
          name="text"
          maxLength={MAX_BANNER_TEXT}
          defaultValue={banner?.text ?? ""}
          placeholder="Fly to Bodø"
          {...f.field("text")}
        />
        {f.error("text")}
      </label>
      <label class="field">
        <span>{LABELS.castIds}</span>
        <input
          name="castIds"
          inputMode="numeric"
          defaultValue={banner?.castIds.join(", ") ?? ""}
          {...f.field("castIds", "banner-cast-hint")}
        />
        <span class="field-hint muted" id="banner-cast-hint">
          Travel days: cast numbers, like 1, 3. They count as travel (T) in the
          day out of days.
        </span>
        {f.error("castIds")}
      </label>
      {!banner && (
        <label class="field">
          <span>{LABELS.where}</span>
          <select name="where" {...f.field("where")}>
            <option value="start">Before the day's strips</option>
            <option value="end">After the day's strips</option>
          </select>
        </label>
      )}
    </EditDialog>
  );
}

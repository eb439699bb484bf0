import { useSignal } from "@preact/signals";
import { failureText, send } from "@/components/api.ts";
import {
  ConflictBanner,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  issueErrors,
} from "@/components/FormFields.tsx";
import { type CallSheetView, dayLabel } from "@/lib/callsheets/shared.ts";
import {
  MAX_ADDRESS_LENGTH,
  MAX_GENERAL_NOTES,
  MAX_NAME_LENGTH,
  MAX_PHONE_LENGTH,
  MAX_WEATHER_LENGTH,
} from "@/lib/callsheets/shared.ts";
import { changedCount, draftOf, patchOf, type SheetDraft } from "./model.ts";
import { EditCast, EditCrew, EditLocations, EditNotes } from "./EditLists.tsx";

const LABELS: Record<string, string> = {
  generalCall: "General crew call",
  weather: "Weather",
  sunrise: "Sunrise",
  sunset: "Sunset",
  cast: "Cast",
  crew: "Crew calls",
  locations: "Sets and locations",
  hospital: "Nearest hospital",
  departmentNotes: "Department notes",
  notes: "General notes",
};

/**
 * The production office's edit of a sheet, in place: every editable field,
 * saved as one change guarded by the sheet's version. On a published
 * sheet the save is a new revision that members confirm again.
 */
export function SheetEditForm(
  { view, members, onSaved, onCancel }: {
    view: CallSheetView;
    members: { id: string; name: string }[];
    onSaved: (next: CallSheetView) => void;
    onCancel: () => void;
  },
) {
  const base = useSignal(view.sheet);
  const draft = useSignal<SheetDraft>(draftOf(view.sheet));
  const errors = useSignal<FieldErrors>({});
  const message = useSignal<string | null>(null);
  const conflict = useSignal(false);
  const busy = useSignal(false);
  const set = <K extends keyof SheetDraft>(k: K, v: SheetDraft[K]) =>
    draft.value = { ...draft.value, [k]: v };
  const f = fieldErrors("cs-edit", errors.value, Object.keys(LABELS));
  const names = new Map(view.crew.map((c) => [c.userId, c.name]));
  for (const m of members) names.set(m.id, m.name);
  const d = draft.value;

  const save = async (e: Event) => {
    e.preventDefault();
    const patch = patchOf(base.value, draft.value);
    if (changedCount(patch) === 0) return onCancel();
    busy.value = true;
    errors.value = {};
    message.value = null;
    try {
      onSaved(
        await send<CallSheetView>(
          "PATCH",
          `/api/callsheets/${view.sheet.id}`,
          patch,
        ),
      );
    } catch (failure) {
      const code = (failure as { error?: { code?: string } }).error?.code;
      if (code === "version_conflict") conflict.value = true;
      else {
        errors.value = issueErrors(
          (failure as { error?: { details?: unknown } }).error?.details,
        );
        message.value = failureText(failure, "Could not save the call sheet");
      }
    } finally {
      busy.value = false;
    }
  };
  const loadLatest = async () => {
    const latest = await send<CallSheetView>(
      "GET",
      `/api/callsheets/${view.sheet.id}`,
    );
    base.value = latest.sheet;
    draft.value = draftOf(latest.sheet);
    conflict.value = false;
  };

  return (
    <form class="card cs-edit no-print" onSubmit={save} noValidate>
      <h1 class="cs-edit-title">Edit call sheet · {dayLabel(view.sheet)}</h1>
      {view.sheet.status === "published" && (
        <p class="cs-edit-warning">
          This sheet is published: saving makes revision{" "}
          {view.sheet.revision + 1}. Everyone called is told, and must confirm
          receipt again.
        </p>
      )}
      {conflict.value && (
        <ConflictBanner what="call sheet" onLoadLatest={loadLatest} />
      )}
      <ErrorSummary
        prefix="cs-edit"
        errors={errors.value}
        labels={LABELS}
        message={message.value}
      />
      <div class="form-grid">
        <label class="field">
          <span>{LABELS.generalCall}</span>
          <input
            type="time"
            required
            {...f.field("generalCall")}
            value={d.generalCall}
            onInput={(e) => set("generalCall", e.currentTarget.value)}
          />
          {f.error("generalCall")}
        </label>
        <label class="field">
          <span>{LABELS.weather}</span>
          <input
            {...f.field("weather")}
            maxLength={MAX_WEATHER_LENGTH}
            value={d.weather}
            onInput={(e) => set("weather", e.currentTarget.value)}
          />
          {f.error("weather")}
        </label>
        {(["sunrise", "sunset"] as const).map((k) => (
          <label class="field" key={k}>
            <span>{LABELS[k]}</span>
            <input
              type="time"
              {...f.field(k)}
              value={d[k]}
              onInput={(e) =>
                set(k, e.currentTarget.value)}
            />
            {f.error(k)}
          </label>
        ))}
      </div>
      {(["cast", "crew", "locations"] as const).map((k) => (
        <fieldset key={k} class="cs-edit-group" id={f.id(k)} tabIndex={-1}>
          <legend>{LABELS[k]}</legend>
          {f.error(k)}
          {k === "cast" && (
            <EditCast
              cast={d.cast}
              onChange={(v) => set("cast", v)}
            />
          )}
          {k === "crew" && (
            <EditCrew
              crew={d.crew}
              names={names}
              members={members}
              onChange={(v) => set("crew", v)}
            />
          )}
          {k === "locations" && (
            <EditLocations
              locations={d.locations}
              onChange={(v) => set("locations", v)}
            />
          )}
        </fieldset>
      ))}
      <fieldset class="cs-edit-group" id={f.id("hospital")} tabIndex={-1}>
        <legend>{LABELS.hospital}</legend>
        {f.error("hospital")}
        <div class="form-grid">
          {([
            ["name", "Name", MAX_NAME_LENGTH],
            ["phone", "Phone", MAX_PHONE_LENGTH],
            ["address", "Address", MAX_ADDRESS_LENGTH],
          ] as const).map(([k, label, max]) => (
            <label class="field" key={k}>
              <span>{label}</span>
              <input
                value={d.hospital[k]}
                maxLength={max}
                type={k === "phone" ? "tel" : "text"}
                onInput={(e) =>
                  set("hospital", {
                    ...d.hospital,
                    [k]: e.currentTarget.value,
                  })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset
        class="cs-edit-group"
        id={f.id("departmentNotes")}
        tabIndex={-1}
      >
        <legend>{LABELS.departmentNotes}</legend>
        {f.error("departmentNotes")}
        <EditNotes
          notes={d.departmentNotes}
          onChange={(v) => set("departmentNotes", v)}
        />
      </fieldset>
      <label class="field">
        <span>{LABELS.notes}</span>
        <textarea
          rows={3}
          {...f.field("notes")}
          maxLength={MAX_GENERAL_NOTES}
          value={d.notes}
          onInput={(e) => set("notes", e.currentTarget.value)}
        />
        {f.error("notes")}
      </label>
      <div class="cs-edit-actions">
        <button
          type="submit"
          class="button button-primary"
          disabled={busy.value}
        >
          {busy.value ? "Saving…" : "Save call sheet"}
        </button>
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

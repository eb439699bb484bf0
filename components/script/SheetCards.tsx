import { formatEighths, MAX_NOTES_LENGTH } from "@/lib/script/shared.ts";
import type { BreakdownSheetModel } from "./breakdown_model.ts";
import type { SceneAbilities } from "./model.ts";
import { SceneStatusPill } from "./SceneBadges.tsx";

/** Hidden fields of every no-JS form: what it does and the version seen. */
export function Hidden(
  { intent, version, extra = {} }: {
    intent: string;
    version: number;
    extra?: Record<string, string>;
  },
) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={String(version)} />
      {Object.entries(extra).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** The sheet's status card: the pill, the moves the viewer may make, facts. */
export function StatusCard(
  { model, abilities, readOnly }: {
    model: BreakdownSheetModel;
    abilities: SceneAbilities;
    readOnly: boolean;
  },
) {
  const s = model.scene.value;
  const actions = model.actions.value;
  return (
    <section class="card sheet-status" aria-labelledby="status-title">
      <h2 id="status-title">Status</h2>
      <p class="sheet-status-line">
        <SceneStatusPill
          status={s.status}
          flash={model.flashing.value.has("status")}
        />
        {s.approvedByName && s.status === "approved" && (
          <span class="muted">by {s.approvedByName}</span>
        )}
      </p>
      {actions.length > 0 && (
        <div class="button-row sheet-actions">
          {actions.map((action) => (
            <form
              method="post"
              key={action.to}
              onSubmit={(e) => {
                e.preventDefault();
                model.setStatus(action.to);
              }}
            >
              <Hidden
                intent="status"
                version={s.version}
                extra={{ status: action.to }}
              />
              <button
                type="submit"
                class={action.primary ? "button button-primary" : "button"}
                disabled={model.busy.value}
              >
                {action.label}
              </button>
            </form>
          ))}
        </div>
      )}
      {!readOnly && abilities.write && !abilities.approve &&
        s.status === "broken_down" && (
        <p class="field-hint">
          The director or the producer approves the breakdown.
        </p>
      )}
      <dl class="facts">
        <dt>Length</dt>
        <dd data-fact="eighths">{formatEighths(s.eighths)} pages</dd>
        <dt>Int/Ext</dt>
        <dd>{s.setting ?? "—"}</dd>
        <dt>Set</dt>
        <dd>{s.location || "—"}</dd>
        <dt>Time</dt>
        <dd>{s.timeOfDay ?? "—"}</dd>
        <dt>Speaking</dt>
        <dd>{s.characters.length ? s.characters.join(", ") : "—"}</dd>
      </dl>
    </section>
  );
}

/** Who is typing notes, read out politely. */
function TypingNote({ model }: { model: BreakdownSheetModel }) {
  const typing = model.typing.value;
  return (
    <p class="typing-note" aria-live="polite">
      {typing && `${typing.name} is typing notes…`}
    </p>
  );
}

/**
 * The sheet's notes card: a form for writers (others see them typing, and
 * they see others' saved notes without losing their own), text otherwise.
 */
export function NotesCard({ model }: { model: BreakdownSheetModel }) {
  const s = model.scene.value;
  return (
    <section class="card sheet-notes" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      {model.editable.value
        ? (
          <form
            method="post"
            class="notes-form"
            onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget as HTMLFormElement;
              const notes = (form.elements.namedItem(
                "notes",
              ) as HTMLTextAreaElement).value;
              model.saveNotes(notes);
            }}
          >
            <Hidden intent="notes" version={s.version} />
            <label class="visually-hidden" for="scene-notes">
              Notes
            </label>
            <textarea
              key={model.notesGen.value}
              id="scene-notes"
              name="notes"
              rows={5}
              maxLength={MAX_NOTES_LENGTH}
              defaultValue={model.notesDefault.value}
              onInput={model.notesInput}
              onBlur={model.stopTyping}
            />
            <TypingNote model={model} />
            {model.theirNotes.value !== null && (
              <p class="form-error" role="alert">
                Someone else changed the notes while you were typing.{" "}
                <button
                  type="button"
                  class="button button-small"
                  onClick={model.loadTheirNotes}
                >
                  Load their notes
                </button>
              </p>
            )}
            <button type="submit" class="button" disabled={model.busy.value}>
              Save notes
            </button>
          </form>
        )
        : (
          <>
            {s.notes
              ? <p class="scene-notes">{s.notes}</p>
              : <p class="muted">No notes.</p>}
            <TypingNote model={model} />
          </>
        )}
    </section>
  );
}

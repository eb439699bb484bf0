import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useRef } from "preact/hooks";
import {
  CategoryLabel,
  categoryVars,
} from "@/components/script/CategoryLabel.tsx";
import {
  type ApiFailure,
  failureText,
  type SceneAbilities,
  send,
  statusActions,
} from "@/components/script/model.ts";
import { SceneStatusPill } from "@/components/script/SceneBadges.tsx";
import {
  BREAKDOWN_CATEGORIES,
  type BreakdownCategory,
  CATEGORY_LABELS,
  formatEighths,
  MAX_NOTES_LENGTH,
  MAX_TAG_LENGTH,
  SCENE_STATUS_LABELS,
} from "@/lib/script/breakdown.ts";
import type { Scene, ScenePatch } from "@/lib/script/schemas.ts";
import { getRealtimeClient } from "@/realtime/client.ts";
import { useFlash } from "@/components/use_flash.ts";
import { useRealtime } from "@/components/use_realtime.ts";

/** A message after a form post without JavaScript. */
export interface PostedSheet {
  message: string;
  /** The notes as posted, when the notes form was refused. */
  notes?: string;
}

interface Message {
  kind: "ok" | "error" | "conflict";
  text: string;
}

const TYPING_SHOWN_MS = 5_000;
const TYPING_EVERY_MS = 2_000;
const FLASH_MS = 1_500;

/** Hidden fields of every no-JS form: what it does and the version seen. */
function Hidden(
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

/**
 * A scene's breakdown sheet: status with the moves the viewer may make,
 * facts, notes (others see that you are typing) and the tags of every
 * category in the breakdown-sheet colours, with add / remove for writers.
 * Every change is a PATCH with `If-Match`; a 409 shows the current scene.
 * Changes by others arrive live. Each control is a real form, so the sheet
 * works without JavaScript too (the page handles the posts).
 */
export default function BreakdownSheet(props: {
  scriptId: string;
  scene: Scene;
  abilities: SceneAbilities;
  /** An earlier draft's scene: history, nothing editable. */
  readOnly: boolean;
  viewerId: string;
  posted: PostedSheet | null;
}) {
  const scene = useSignal(props.scene);
  const message = useSignal<Message | null>(
    props.posted ? { kind: "error", text: props.posted.message } : null,
  );
  const busy = useSignal(false);
  const notesGen = useSignal(0);
  const notesDirty = useSignal(props.posted?.notes !== undefined);
  const theirNotes = useSignal<string | null>(null);
  const typing = useSignal<{ name: string; until: number } | null>(null);
  const statusFlash = useFlash<"status">(FLASH_MS);
  /** A newer draft of the script, imported while this sheet is open. */
  const superseded = useSignal<number | null>(null);
  const lastTyping = useRef(0);
  const { scriptId, abilities, readOnly, viewerId } = props;
  const url = `/api/scripts/${encodeURIComponent(scriptId)}/scenes/${
    encodeURIComponent(props.scene.id)
  }`;
  const target = `scene:${props.scene.id}`;

  const flash = () => statusFlash.flash("status");

  /** Takes a newer scene; keeps the notes being typed. */
  const adopt = (next: Scene) => {
    const before = scene.value;
    if (next.version < before.version) return;
    scene.value = next;
    if (next.notes !== before.notes) {
      if (notesDirty.value) theirNotes.value = next.notes;
      else notesGen.value++;
    }
    if (next.status !== before.status) flash();
  };

  useRealtime("script_update", (event) => {
    const data = event.data;
    if (data.action === "imported") {
      if (
        data.script.id === scriptId && !readOnly &&
        data.version.number > scene.value.draftVersion
      ) {
        superseded.value = data.version.number;
      }
      return;
    }
    if (data.scene.id !== scene.value.id) return;
    if (data.scene.version > scene.value.version) adopt(data.scene);
  }, async () => {
    adopt(await send<Scene>("GET", url));
  });

  useEffect(() => {
    if (!IS_BROWSER) return;
    const client = getRealtimeClient();
    const offTyping = client.onTyping((notice) => {
      if (notice.target !== target || notice.userId === viewerId) return;
      typing.value = notice.active
        ? { name: notice.name, until: Date.now() + TYPING_SHOWN_MS }
        : null;
      setTimeout(() => {
        if ((typing.value?.until ?? Infinity) <= Date.now()) {
          typing.value = null;
        }
      }, TYPING_SHOWN_MS + 50);
    });
    return () => {
      offTyping();
    };
  }, []);

  async function patch(
    body: ScenePatch,
    done: string,
    form?: HTMLFormElement,
  ): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    try {
      const next = await send<Scene>(
        "PATCH",
        url,
        body,
        scene.value.version,
      );
      if (body.notes !== undefined) {
        notesDirty.value = false;
        theirNotes.value = null;
      }
      adopt(next);
      if (body.notes !== undefined) notesGen.value++;
      form?.reset();
      message.value = { kind: "ok", text: done };
      return true;
    } catch (e) {
      const failure = e as ApiFailure;
      const current = (failure.error?.details as { current?: Scene } | null)
        ?.current;
      if (failure.error?.code === "version_conflict" && current) {
        adopt(current);
        message.value = {
          kind: "conflict",
          text:
            "Someone else changed this scene first; this is the current version. Check it and try again.",
        };
      } else {
        message.value = {
          kind: "error",
          text: failureText(failure, "The change was not saved"),
        };
      }
      return false;
    } finally {
      busy.value = false;
    }
  }

  function onNotesInput() {
    notesDirty.value = true;
    const now = Date.now();
    if (now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      getRealtimeClient().typing(target, true);
    }
  }

  function stopTyping() {
    if (lastTyping.current !== 0) {
      lastTyping.current = 0;
      getRealtimeClient().typing(target, false);
    }
  }

  const s = scene.value;
  const editable = !readOnly && abilities.write;
  const locked = s.status === "approved";
  const actions = readOnly ? [] : statusActions(s, abilities);
  const tagsEditable = editable && !locked;

  return (
    <div class="breakdown-sheet" data-scene-version={s.version}>
      {superseded.value !== null && (
        <p class="notice script-banner" role="status">
          Draft {superseded.value}{" "}
          of this script was imported: this sheet is now history.{" "}
          <a href={`/script/${scriptId}`}>Open the current draft</a>.
        </p>
      )}
      {message.value && (
        <p
          class={message.value.kind === "ok" ? "notice" : "form-error"}
          role={message.value.kind === "ok" ? "status" : "alert"}
          data-kind={message.value.kind}
        >
          {message.value.text}
        </p>
      )}
      <div class="sheet-top">
        <section class="card sheet-status" aria-labelledby="status-title">
          <h2 id="status-title">Status</h2>
          <p class="sheet-status-line">
            <SceneStatusPill
              status={s.status}
              flash={statusFlash.flashing.value.has("status")}
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
                    patch(
                      { status: action.to },
                      `Scene ${
                        action.to === "approved"
                          ? "approved"
                          : `moved to ${
                            SCENE_STATUS_LABELS[action.to].toLowerCase()
                          }`
                      }.`,
                    );
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
                    disabled={busy.value}
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
        <section class="card sheet-notes" aria-labelledby="notes-title">
          <h2 id="notes-title">Notes</h2>
          {editable
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
                  stopTyping();
                  patch({ notes }, "Notes saved.");
                }}
              >
                <Hidden intent="notes" version={s.version} />
                <label class="visually-hidden" for="scene-notes">
                  Notes
                </label>
                <textarea
                  key={notesGen.value}
                  id="scene-notes"
                  name="notes"
                  rows={5}
                  maxLength={MAX_NOTES_LENGTH}
                  defaultValue={props.posted?.notes !== undefined &&
                      notesGen.value === 0
                    ? props.posted.notes
                    : s.notes}
                  onInput={onNotesInput}
                  onBlur={stopTyping}
                />
                <p class="typing-note" aria-live="polite">
                  {typing.value && `${typing.value.name} is typing notes…`}
                </p>
                {theirNotes.value !== null && (
                  <p class="form-error" role="alert">
                    Someone else changed the notes while you were typing.{" "}
                    <button
                      type="button"
                      class="button button-small"
                      onClick={() => {
                        notesDirty.value = false;
                        theirNotes.value = null;
                        notesGen.value++;
                      }}
                    >
                      Load their notes
                    </button>
                  </p>
                )}
                <button type="submit" class="button" disabled={busy.value}>
                  Save notes
                </button>
              </form>
            )
            : (
              <>
                {s.notes
                  ? <p class="scene-notes">{s.notes}</p>
                  : <p class="muted">No notes.</p>}
                <p class="typing-note" aria-live="polite">
                  {typing.value && `${typing.value.name} is typing notes…`}
                </p>
              </>
            )}
        </section>
      </div>
      <section class="breakdown-grid-wrap" aria-labelledby="breakdown-title">
        <div class="scene-list-head">
          <h2 id="breakdown-title">Breakdown</h2>
          {editable && locked && (
            <p class="muted">
              Approved breakdowns are locked{abilities.approve
                ? ": reopen the scene to change its tags."
                : "; the director or the producer can reopen it."}
            </p>
          )}
        </div>
        <div class="breakdown-grid">
          {BREAKDOWN_CATEGORIES.map((category) => (
            <CategoryBox
              category={category}
              tags={s.breakdown[category]}
              version={s.version}
              editable={tagsEditable}
              busy={busy.value}
              onAdd={(tag, form) =>
                patch(
                  { add: { [category]: [tag] } },
                  `Added “${tag}” to ${CATEGORY_LABELS[category]}.`,
                  form,
                )}
              onRemove={(tag) =>
                patch(
                  { remove: { [category]: [tag] } },
                  `Removed “${tag}” from ${CATEGORY_LABELS[category]}.`,
                )}
            />
          ))}
        </div>
      </section>
    </div>
  );
}

/** One box of the sheet: the category's label, colour and tags. */
function CategoryBox(
  { category, tags, version, editable, busy, onAdd, onRemove }: {
    category: BreakdownCategory;
    tags: string[];
    version: number;
    editable: boolean;
    busy: boolean;
    onAdd: (tag: string, form: HTMLFormElement) => void;
    onRemove: (tag: string) => void;
  },
) {
  const label = CATEGORY_LABELS[category];
  const inputId = `add-${category}`;
  return (
    <section
      class="bd-category"
      data-category={category}
      style={categoryVars(category)}
      aria-label={label}
    >
      <h3 class="bd-category-title">
        <CategoryLabel category={category} />
        <span class="bd-count muted">{tags.length || ""}</span>
      </h3>
      {tags.length > 0
        ? (
          <ul class="bd-tags">
            {tags.map((tag) => (
              <li class="bd-tag" key={tag}>
                <span class="bd-tag-text">{tag}</span>
                {editable && (
                  <form
                    method="post"
                    class="bd-remove"
                    onSubmit={(e) => {
                      e.preventDefault();
                      onRemove(tag);
                    }}
                  >
                    <Hidden
                      intent="remove"
                      version={version}
                      extra={{ category, tag }}
                    />
                    <button
                      type="submit"
                      class="bd-remove-button"
                      aria-label={`Remove ${tag} from ${label}`}
                      title="Remove"
                      disabled={busy}
                    >
                      ×
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )
        : <p class="bd-empty muted">None</p>}
      {editable && (
        <form
          method="post"
          class="bd-add"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget as HTMLFormElement;
            const tag = (form.elements.namedItem("tag") as HTMLInputElement)
              .value.trim();
            if (tag !== "") onAdd(tag, form);
          }}
        >
          <Hidden intent="add" version={version} extra={{ category }} />
          <label class="visually-hidden" for={inputId}>
            Add to {label}
          </label>
          <input
            id={inputId}
            type="text"
            name="tag"
            required
            maxLength={MAX_TAG_LENGTH}
            placeholder="Add…"
            autoComplete="off"
          />
          <button type="submit" class="button button-small" disabled={busy}>
            Add
          </button>
        </form>
      )}
    </section>
  );
}

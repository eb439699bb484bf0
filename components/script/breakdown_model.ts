/**
 * The breakdown sheet's state and actions as a signal model: the scene,
 * the last outcome, the notes being typed beside someone else's, who is
 * typing, and a newer draft arriving. Every change is a PATCH with
 * `If-Match`; a 409 adopts the current scene. The world (API, realtime
 * client, clock) is injected, so tests drive it without a DOM.
 *
 * @module
 */
import { computed, createModel, effect, signal } from "@preact/signals";
import {
  followRealtime,
  modelFlash,
  modelTimeout,
  type World,
} from "@/components/world.ts";
import type { EventFrame } from "@/realtime/protocol.ts";
import type { TypingNotice } from "@/realtime/client.ts";
import {
  type BreakdownCategory,
  CATEGORY_LABELS,
  SCENE_STATUS_LABELS,
  type SceneStatus,
} from "@/lib/script/shared.ts";
import type { Scene, ScenePatch } from "@/lib/script/shared.ts";
import {
  type ApiFailure,
  type SceneAbilities,
  scriptFailureText,
  statusActions,
} from "./model.ts";

/** A message after a form post without JavaScript. */
export interface PostedSheet {
  message: string;
  /** The notes as posted, when the notes form was refused. */
  notes?: string;
}

/** The outcome of the last change, shown above the sheet. */
export interface SheetMessage {
  kind: "ok" | "error" | "conflict";
  text: string;
}

/** What the page gives the sheet. */
export interface BreakdownInit {
  scriptId: string;
  scene: Scene;
  abilities: SceneAbilities;
  /** An earlier draft's scene: history, nothing editable. */
  readOnly: boolean;
  viewerId: string;
  posted: PostedSheet | null;
}

/** How long a typing notice shows without a newer one. */
export const TYPING_SHOWN_MS = 5_000;
/** At most one "typing" notice sent per this interval. */
export const TYPING_EVERY_MS = 2_000;
const FLASH_MS = 1_500;
const CONFLICT_TEXT =
  "Someone else changed this scene first; this is the current version. Check it and try again.";

/** The message after a status move to `to`. */
export function statusDoneText(to: SceneStatus): string {
  return `Scene ${
    to === "approved"
      ? "approved"
      : `moved to ${SCENE_STATUS_LABELS[to].toLowerCase()}`
  }.`;
}

/** The breakdown sheet of one scene: `new BreakdownModel(world, init)`. */
export const BreakdownModel = createModel(
  (world: World, init: BreakdownInit) => {
    const { scriptId, abilities, readOnly, viewerId, posted } = init;
    const { send, realtime, clock } = world;
    const url = `/api/scripts/${encodeURIComponent(scriptId)}/scenes/${
      encodeURIComponent(init.scene.id)
    }`;
    const target = `scene:${init.scene.id}`;

    const scene = signal(init.scene);
    const message = signal<SheetMessage | null>(
      posted ? { kind: "error", text: posted.message } : null,
    );
    const busy = signal(false);
    /** Bumped to re-mount the notes field with the scene's notes. */
    const notesGen = signal(0);
    const notesDirty = signal(posted?.notes !== undefined);
    /** Someone else's saved notes while this person types. */
    const theirNotes = signal<string | null>(null);
    const typing = signal<{ name: string; until: number } | null>(null);
    /** A newer draft of the script, imported while this sheet is open. */
    const superseded = signal<number | null>(null);
    const flash = modelFlash<"status">(world, FLASH_MS);
    const later = modelTimeout(world);
    let lastTyping = 0;

    const editable = computed(() => !readOnly && abilities.write);
    const locked = computed(() => scene.value.status === "approved");
    const actions = computed(() =>
      readOnly ? [] : statusActions(scene.value, abilities)
    );
    /** The notes field's text: the refused post's until it is re-mounted. */
    const notesDefault = computed(() =>
      posted?.notes !== undefined && notesGen.value === 0
        ? posted.notes
        : scene.value.notes
    );

    /** Takes a newer scene; keeps the notes being typed. */
    const adopt = (next: Scene) => {
      const before = scene.value;
      if (next.version < before.version) return;
      scene.value = next;
      if (next.notes !== before.notes) {
        if (notesDirty.value) theirNotes.value = next.notes;
        else notesGen.value++;
      }
      if (next.status !== before.status) flash.flash("status");
    };

    const apply = (event: EventFrame<"script_update">) => {
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
      // Element renames and merges arrive as the scene updates they cause.
      if (data.action !== "scene_updated") return;
      if (data.scene.id !== scene.value.id) return;
      if (data.scene.version > scene.value.version) adopt(data.scene);
    };

    const reload = async () => {
      adopt(await send<Scene>("GET", url));
    };

    const onTyping = (notice: TypingNotice) => {
      if (notice.target !== target || notice.userId === viewerId) return;
      typing.value = notice.active
        ? { name: notice.name, until: clock.now() + TYPING_SHOWN_MS }
        : null;
      later(() => {
        if ((typing.value?.until ?? Infinity) <= clock.now()) {
          typing.value = null;
        }
      }, TYPING_SHOWN_MS + 50);
    };

    const patch = async (body: ScenePatch, done: string) => {
      if (busy.value) return false;
      busy.value = true;
      try {
        const next = await send<Scene>("PATCH", url, body, scene.value.version);
        if (body.notes !== undefined) {
          notesDirty.value = false;
          theirNotes.value = null;
        }
        adopt(next);
        if (body.notes !== undefined) notesGen.value++;
        message.value = { kind: "ok", text: done };
        return true;
      } catch (e) {
        const failure = e as ApiFailure;
        const current = (failure.error?.details as { current?: Scene } | null)
          ?.current;
        if (failure.error?.code === "version_conflict" && current) {
          adopt(current);
          message.value = { kind: "conflict", text: CONFLICT_TEXT };
        } else {
          message.value = {
            kind: "error",
            text: scriptFailureText(failure, "The change was not saved"),
          };
        }
        return false;
      } finally {
        busy.value = false;
      }
    };

    const stopTyping = () => {
      if (lastTyping !== 0) {
        lastTyping = 0;
        realtime?.typing(target, false);
      }
    };

    followRealtime(world, ["script_update"], apply, reload);
    // An effect of the model: disposing it stops the notices.
    if (realtime) effect(() => realtime.onTyping(onTyping));

    return {
      scene,
      message,
      busy,
      notesGen,
      theirNotes,
      typing,
      superseded,
      flashing: flash.flashing,
      editable,
      locked,
      actions,
      tagsEditable: computed(() => editable.value && !locked.value),
      notesDefault,
      /** Applies a `script_update` event (also subscribed in the browser). */
      apply,
      /** Reloads the scene (after a resync). */
      reload,
      /** Moves the scene to `to`; true when saved. */
      setStatus: (to: SceneStatus) => patch({ status: to }, statusDoneText(to)),
      /** Saves the notes (and ends the typing notice); true when saved. */
      saveNotes: (notes: string) => {
        stopTyping();
        return patch({ notes }, "Notes saved.");
      },
      /** Adds `tag` to `category`; true when saved. */
      addTag: (category: BreakdownCategory, tag: string) =>
        patch(
          { add: { [category]: [tag] } },
          `Added “${tag}” to ${CATEGORY_LABELS[category]}.`,
        ),
      /** Removes `tag` from `category`; true when saved. */
      removeTag: (category: BreakdownCategory, tag: string) =>
        patch(
          { remove: { [category]: [tag] } },
          `Removed “${tag}” from ${CATEGORY_LABELS[category]}.`,
        ),
      /** The notes were edited: others hear of it, at most every 2 s. */
      notesInput: () => {
        notesDirty.value = true;
        const now = clock.now();
        if (now - lastTyping > TYPING_EVERY_MS) {
          lastTyping = now;
          realtime?.typing(target, true);
        }
      },
      stopTyping,
      /** Drops what is being typed for the notes someone else saved. */
      loadTheirNotes: () => {
        notesDirty.value = false;
        theirNotes.value = null;
        notesGen.value++;
      },
    };
  },
);

/** A breakdown sheet model. */
export type BreakdownSheetModel = InstanceType<typeof BreakdownModel>;

/**
 * The board's create/edit dialog apart from the DOM: opening it (with
 * fresh people for the assignee picker), saving and deleting through the
 * API, someone else's newer version while this person edits, and the
 * "X is editing…" notices both ways. The board model owns one.
 *
 * @module
 */
import { computed, createModel, effect, signal } from "@preact/signals";
import type { ApiFailure } from "@/components/api.ts";
import { createEditDialog, type EditDialog } from "@/components/edit_dialog.ts";
import { modelTimeout, type World } from "@/components/world.ts";
import type { Viewer } from "@/lib/tasks/board.ts";
import type { Person, Task, TaskFormValues } from "@/lib/tasks/shared.ts";
import type { TypingNotice } from "@/realtime/client.ts";
import { saveFailure } from "./board_rules.ts";

/** How long "X is editing…" shows after the last notice. */
export const TYPING_SHOWN_MS = 5_000;
/** At most one "I am editing" notice this often while typing. */
const TYPING_EVERY_MS = 2_000;

/** What the dialog starts from and whom it tells. */
export interface TaskDialogOptions {
  people: Person[];
  viewer: Viewer;
  /** The dialog's state (the island's `useEditDialog()`); a new one if absent. */
  editor?: EditDialog<Task>;
  /** A task was created or updated. */
  saved: (task: Task) => void;
  /** The task `id` was deleted. */
  deleted: (id: string) => void;
  /** The dialog on task `id` closed without saving. */
  closed: (id: string) => void;
}

/** The dialog's state and actions: `new TaskDialogModel(world, options)`. */
export const TaskDialogModel = createModel(
  (world: World, options: TaskDialogOptions) => {
    const { send, realtime, clock } = world;
    const { viewer } = options;
    const editor = options.editor ?? createEditDialog<Task>();
    const people = signal(options.people);
    const editing = signal<Record<string, { name: string; until: number }>>({});
    const later = modelTimeout(world);
    let lastTyping = -Infinity;
    const typing = (id: string, active: boolean) =>
      realtime?.typing(`task:${id}`, active);

    /** Someone's typing notice: "X is editing…" on the card for a while. */
    const typingNotice = (
      notice: Pick<TypingNotice, "target" | "name" | "active">,
    ) => {
      if (!notice.target.startsWith("task:")) return;
      const id = notice.target.slice(5);
      const next = { ...editing.value };
      if (notice.active) {
        next[id] = { name: notice.name, until: clock.now() + TYPING_SHOWN_MS };
      } else delete next[id];
      editing.value = next;
      later(() => {
        if ((editing.value[id]?.until ?? Infinity) <= clock.now()) {
          const rest = { ...editing.value };
          delete rest[id];
          editing.value = rest;
        }
      }, TYPING_SHOWN_MS + 50);
    };
    // An effect of the model: disposing it stops the notices.
    if (realtime) effect(() => realtime.onTyping(typingNotice));

    return {
      /** The open dialog, or null. */
      state: editor.state,
      people: computed(() => people.value),
      /** People's names by id. */
      names: computed(() => new Map(people.value.map((p) => [p.id, p.name]))),
      /** Who is editing which task, by task id. */
      editing: computed((): Record<string, { name: string }> => editing.value),

      /** Opens the dialog on `task` (or empty); management gets fresh people. */
      async open(task: Task | null) {
        editor.open(task);
        if (!viewer.management) return;
        try {
          const list = await send<
            { id: string; name: string; active?: boolean }[]
          >("GET", "/api/users");
          people.value = list.filter((u) => u.active !== false)
            .map(({ id, name }) => ({ id, name }));
        } catch {
          // Keep the people the page was rendered with.
        }
      },
      /** The dialog closed without saving: no longer editing. */
      close() {
        const record = editor.state.value?.record;
        if (record) {
          typing(record.id, false);
          options.closed(record.id);
        }
        editor.close();
      },
      /** A newer version of `task` arrived: a conflict if it is open. */
      newer(task: Task) {
        const open = editor.state.value;
        if (
          open?.record && open.record.id === task.id && !open.busy &&
          task.version > open.record.version
        ) {
          editor.conflict(task);
        }
      },
      /** Replaces the form with the conflicting version. */
      loadLatest: () => editor.loadLatest(),
      /** Creates or updates the dialog's task. */
      async save(values: TaskFormValues) {
        const open = editor.state.value;
        if (!open) return;
        editor.begin();
        try {
          const saved = open.record
            ? await send<Task>(
              "PATCH",
              `/api/tasks/${open.record.id}`,
              values,
              open.record.version,
            )
            : await send<Task>("POST", "/api/tasks", values);
          options.saved(saved);
          editor.close();
          if (open.record) typing(open.record.id, false);
        } catch (e) {
          editor.fail(saveFailure(e as ApiFailure));
        }
      },
      /** Deletes the dialog's task (the island has asked to confirm). */
      async remove() {
        const open = editor.state.value;
        if (!open?.record) return;
        const { record } = open;
        try {
          await send(
            "DELETE",
            `/api/tasks/${record.id}`,
            undefined,
            record.version,
          );
          options.deleted(record.id);
          editor.close();
        } catch (e) {
          editor.fail({
            errors: open.errors,
            message: (e as ApiFailure).error?.message ?? "Could not delete.",
          });
        }
      },
      /** The form changed: tell others, at most every 2 s. */
      edited() {
        const record = editor.state.value?.record;
        const now = clock.now();
        if (!record || now - lastTyping < TYPING_EVERY_MS) return;
        lastTyping = now;
        typing(record.id, true);
      },
      typingNotice,
    };
  },
);

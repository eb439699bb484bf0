/**
 * The state every create/edit dialog of the app shares: which record is
 * open (or none for "new"), the field errors and form message of the last
 * attempt, whether a save is under way, and someone else's newer version
 * while this person edits. Pages keep their own fetches and rules; this
 * keeps the transitions in one place and testable without a DOM.
 *
 * @example
 * ```ts
 * const editor = createEditDialog<Task>();
 * editor.open(task);
 * editor.begin();
 * editor.fail({ message: "Could not save the task." });
 * ```
 * @module
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import { useMemo } from "preact/hooks";

/** An open dialog. */
export interface EditState<T> {
  /** The record being edited; `null` while creating one. */
  record: T | null;
  errors: Record<string, string>;
  message: string | null;
  /** Someone else's newer version, shown as a banner until loaded. */
  conflict: T | null;
  busy: boolean;
  /** Bumped to re-mount the form with new defaults ("load latest"). */
  generation: number;
}

/** A dialog's state (`null` when closed) and its transitions. */
export interface EditDialog<T> {
  readonly state: ReadonlySignal<EditState<T> | null>;
  /** Opens the dialog on a record, or empty to create one. */
  open(record: T | null): void;
  close(): void;
  /**
   * A save or delete starts: busy, previous errors cleared (kept shown
   * with `keepErrors`, as a delete does).
   */
  begin(options?: { keepErrors?: boolean }): void;
  /** The attempt failed: field errors and/or a message; busy ends. */
  fail(failure: {
    errors?: Record<string, string>;
    message?: string | null;
    conflict?: T | null;
  }): void;
  /** A newer version arrived that changes what is being edited. */
  conflict(latest: T): void;
  /** A newer version arrived that the form may show as it is. */
  refresh(latest: T): void;
  /** Replaces the form with the conflicting version ("Load their version"). */
  loadLatest(): void;
}

/** Creates the state and transitions of one dialog. */
export function createEditDialog<T>(): EditDialog<T> {
  const state = signal<EditState<T> | null>(null);
  const update = (change: Partial<EditState<T>>) => {
    if (state.value) state.value = { ...state.value, ...change };
  };
  return {
    state,
    open(record) {
      state.value = {
        record,
        errors: {},
        message: null,
        conflict: null,
        busy: false,
        generation: 0,
      };
    },
    close: () => state.value = null,
    begin: ({ keepErrors = false } = {}) =>
      update(
        keepErrors
          ? { busy: true, message: null }
          : { busy: true, errors: {}, message: null },
      ),
    fail({ errors = {}, message = null, conflict }) {
      const current = state.value;
      if (!current) return;
      update({
        busy: false,
        errors,
        message,
        conflict: conflict ?? current.conflict,
      });
    },
    conflict: (latest) => update({ conflict: latest }),
    refresh: (latest) => update({ record: latest }),
    loadLatest() {
      const current = state.value;
      if (!current?.conflict) return;
      update({
        record: current.conflict,
        conflict: null,
        errors: {},
        message: null,
        generation: current.generation + 1,
      });
    },
  };
}

/** {@linkcode createEditDialog} for a component: one per mounted island. */
export function useEditDialog<T>(): EditDialog<T> {
  return useMemo(() => createEditDialog<T>(), []);
}

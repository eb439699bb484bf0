/**
 * The category dialog of the budget page: its state, saving (only the
 * fields this person changed), deleting, and how a live update of the
 * open category shows in it (a conflict banner, or fresh figures).
 *
 * @module
 */
import { type Signal, useSignal } from "@preact/signals";
import type { CategoryView } from "@/lib/budget/shared.ts";
import type { Category } from "@/lib/budget/schemas.ts";
import { type ApiFailure, failureText, send } from "@/components/api.ts";
import { issueErrors, missingFields } from "@/components/FormFields.tsx";
import type { CategoryFormValues } from "./CategoryDialog.tsx";
import { type BudgetData, parseAmount, viewOf } from "./model.ts";

/** The open dialog. */
export interface DialogState {
  category: CategoryView | null;
  errors: Record<string, string>;
  message: string | null;
  conflict: CategoryView | null;
  busy: boolean;
  /** Bumped to re-mount the form with new defaults ("load latest"). */
  generation: number;
}

const EDITABLE = ["name", "code", "section", "allocatedCents"] as const;

/** Every problem of the dialog's fields the browser can tell, at once. */
export function checkCategory(
  values: CategoryFormValues,
  currency: string,
): { errors: Record<string, string>; cents: number } {
  const errors = missingFields(values, {
    name: "Enter a name",
    code: "Enter an account code",
  });
  const allocation = parseAmount(values.allocation, currency, {
    allowZero: true,
  });
  if (!allocation.ok) errors.allocation = allocation.message;
  return { errors, cents: allocation.ok ? allocation.cents : 0 };
}

/**
 * The dialog's state and actions. `saved` and `removed` tell the page
 * what changed; `say` announces it.
 */
export function useCategoryEditor(options: {
  data: Signal<BudgetData>;
  saved: (category: CategoryView) => void;
  removed: (id: string) => void;
  say: (text: string) => void;
}) {
  const dialog = useSignal<DialogState | null>(null);
  const { data, saved, removed, say } = options;

  function open(category: CategoryView | null) {
    dialog.value = {
      category,
      errors: {},
      message: null,
      conflict: null,
      busy: false,
      generation: 0,
    };
  }

  async function save(values: CategoryFormValues) {
    const current = dialog.value;
    if (!current) return;
    const { errors, cents } = checkCategory(values, data.value.currency);
    if (Object.keys(errors).length > 0) {
      dialog.value = { ...current, errors, message: null };
      return;
    }
    const body = {
      name: values.name.trim(),
      code: values.code.trim(),
      section: values.section,
      allocatedCents: cents,
    };
    const basis = current.category;
    // Only what this person changed: a concurrent booking (which bumps the
    // version) or someone else's edit of another field is kept.
    const patch = basis
      ? Object.fromEntries(
        Object.entries(body).filter(([key, value]) =>
          basis[key as keyof typeof body] !== value
        ),
      )
      : body;
    if (basis && Object.keys(patch).length === 0) {
      dialog.value = null;
      return;
    }
    dialog.value = { ...current, busy: true, errors: {}, message: null };
    try {
      const category = await send<CategoryView>(
        basis ? "PATCH" : "POST",
        basis ? `/api/budget/categories/${basis.id}` : "/api/budget/categories",
        patch,
      );
      saved(category);
      dialog.value = null;
      say(
        basis
          ? `Saved ${category.name}.`
          : `Added the category ${category.name}.`,
      );
    } catch (failure) {
      const f = failure as ApiFailure;
      const errors = f.error?.code === "validation"
        ? issueErrors(f.error.details, { allocatedCents: "allocation" })
        : {};
      const field = (f.error?.details as { field?: string } | undefined)
        ?.field;
      if (f.status === 409 && field === "code") {
        errors.code = `Another category already uses the code ${body.code}`;
      }
      dialog.value = {
        ...current,
        busy: false,
        errors,
        message: Object.keys(errors).length > 0
          ? "Check the highlighted fields."
          : f.status === 404
          ? "Someone else deleted this category."
          : failureText(failure, "Could not save the category"),
      };
    }
  }

  async function remove() {
    const current = dialog.value;
    const category = current?.category;
    if (!current || !category) return;
    if (!confirm(`Delete the category "${category.name}"?`)) return;
    dialog.value = { ...current, busy: true, message: null };
    try {
      await send("DELETE", `/api/budget/categories/${category.id}`);
      removed(category.id);
      dialog.value = null;
      say(`Deleted the category ${category.name}.`);
    } catch (failure) {
      if ((failure as ApiFailure).status === 404) {
        removed(category.id);
        dialog.value = null;
        return;
      }
      // 409 "still has expenses" carries the explanation for people.
      dialog.value = {
        ...current,
        busy: false,
        message: failureText(failure, "Could not delete the category"),
      };
    }
  }

  /** A live update: show a conflict, a deletion or fresh figures. */
  function onUpdate(action: string, latest: Category) {
    const current = dialog.value;
    if (current?.category?.id !== latest.id || current.busy) return;
    if (action === "category_deleted") {
      dialog.value = {
        ...current,
        message: "Someone else deleted this category.",
      };
    } else if (changedByOthers(current.category, latest)) {
      dialog.value = { ...current, conflict: viewOf(latest) };
    } else if (latest.version > current.category.version) {
      // Only its spend moved (a booking): keep the note current.
      dialog.value = { ...current, category: viewOf(latest) };
    }
  }

  function loadLatest() {
    const current = dialog.value;
    if (!current?.conflict) return;
    dialog.value = {
      ...current,
      category: current.conflict,
      conflict: null,
      generation: current.generation + 1,
    };
  }

  return {
    dialog,
    open,
    save,
    remove,
    onUpdate,
    loadLatest,
    close: () => dialog.value = null,
  };
}

/** Whether someone else changed a field the dialog edits. */
function changedByOthers(shown: Category, latest: Category): boolean {
  return latest.version > shown.version &&
    EDITABLE.some((key) => shown[key] !== latest[key]);
}

/**
 * The category dialog of the budget model, on the shared edit dialog
 * state (`components/edit_dialog.ts`): saving only the fields this person
 * changed, deleting, and how a live update of the open category shows in
 * it (a conflict banner, or fresh figures).
 *
 * @module
 */
import type { Signal } from "@preact/signals";
import type { Category, CategoryView, Section } from "@/lib/budget/shared.ts";
import { type ApiFailure, failureText } from "@/components/api.ts";
import { createEditDialog, type EditDialog } from "@/components/edit_dialog.ts";
import { issueErrors, missingFields } from "@/components/FormFields.tsx";
import type { World } from "@/components/world.ts";
import { type BudgetData, parseAmount, viewOf } from "./model.ts";

/** What the category dialog submits (the allocation as typed). */
export interface CategoryFormValues {
  name: string;
  code: string;
  section: Section;
  allocation: string;
}

const EDITABLE = ["name", "code", "section", "allocatedCents"] as const;
const DELETED = "Someone else deleted this category.";

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

/** The dialog's state (`dialog.state`) and the page's actions on it. */
export interface CategoryEditor {
  dialog: EditDialog<CategoryView>;
  /** Creates or patches the open category. */
  save(values: CategoryFormValues): Promise<void>;
  /** Deletes the open category, once confirmed. */
  remove(): Promise<void>;
  /** Replaces the form with someone else's version. */
  loadLatest(): void;
  /** A live update: shows a conflict, a deletion or fresh figures. */
  onUpdate(action: string, latest: Category): void;
}

/**
 * The dialog over the page's `data`. `saved` and `removed` tell the page
 * what changed; `say` announces it.
 */
export function createCategoryEditor(world: World, page: {
  data: Signal<BudgetData>;
  saved: (category: CategoryView) => void;
  removed: (id: string) => void;
  say: (text: string) => void;
}): CategoryEditor {
  const dialog = createEditDialog<CategoryView>();
  const { data, saved, removed, say } = page;

  async function save(values: CategoryFormValues) {
    const current = dialog.state.value;
    if (!current) return;
    const { errors, cents } = checkCategory(values, data.value.currency);
    if (Object.keys(errors).length > 0) {
      dialog.fail({ errors });
      return;
    }
    const body = {
      name: values.name.trim(),
      code: values.code.trim(),
      section: values.section,
      allocatedCents: cents,
    };
    const basis = current.record;
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
      dialog.close();
      return;
    }
    dialog.begin();
    try {
      const category = await world.send<CategoryView>(
        basis ? "PATCH" : "POST",
        basis ? `/api/budget/categories/${basis.id}` : "/api/budget/categories",
        patch,
      );
      saved(category);
      dialog.close();
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
      dialog.fail({
        errors,
        message: Object.keys(errors).length > 0
          ? "Check the highlighted fields."
          : f.status === 404
          ? DELETED
          : failureText(failure, "Could not save the category"),
      });
    }
  }

  async function remove() {
    const current = dialog.state.value;
    const category = current?.record;
    if (!current || !category) return;
    if (!world.confirm(`Delete the category "${category.name}"?`)) return;
    dialog.begin({ keepErrors: true });
    try {
      await world.send("DELETE", `/api/budget/categories/${category.id}`);
      removed(category.id);
      dialog.close();
      say(`Deleted the category ${category.name}.`);
    } catch (failure) {
      if ((failure as ApiFailure).status === 404) {
        removed(category.id);
        dialog.close();
        return;
      }
      // 409 "still has expenses" carries the explanation for people.
      dialog.fail({
        errors: current.errors,
        message: failureText(failure, "Could not delete the category"),
      });
    }
  }

  function loadLatest() {
    const shown = dialog.state.value;
    dialog.loadLatest();
    // The last attempt's messages stay over their version, as they did.
    if (shown?.conflict && (shown.message || hasAny(shown.errors))) {
      dialog.fail({ errors: shown.errors, message: shown.message });
    }
  }

  function onUpdate(action: string, latest: Category) {
    const current = dialog.state.value;
    if (current?.record?.id !== latest.id || current.busy) return;
    if (action === "category_deleted") {
      dialog.fail({ errors: current.errors, message: DELETED });
    } else if (changedByOthers(current.record, latest)) {
      dialog.conflict(viewOf(latest));
    } else if (latest.version > current.record.version) {
      // Only its spend moved (a booking): keep the note current.
      dialog.refresh(viewOf(latest));
    }
  }

  return { dialog, save, remove, loadLatest, onUpdate };
}

function hasAny(errors: Record<string, string>): boolean {
  return Object.keys(errors).length > 0;
}

/** Whether someone else changed a field the dialog edits. */
function changedByOthers(shown: Category, latest: Category): boolean {
  return latest.version > shown.version &&
    EDITABLE.some((key) => shown[key] !== latest[key]);
}

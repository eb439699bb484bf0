/**
 * The budget page as a signal model: the categories and the expense list
 * kept live by `budget_update` events, the figures derived from them, the
 * record form, deleting expenses and the category dialog. The world (API,
 * live client, clock, confirm, the address bar) is injected, so tests
 * drive it without a DOM.
 *
 * @module
 */
import { computed, createModel, signal } from "@preact/signals";
import type {
  BudgetUpdateData,
  BudgetView,
  CategoryView,
  Expense,
} from "@/lib/budget/shared.ts";
import { formatMoney, totals } from "@/lib/budget/money.ts";
import { type ApiFailure, failureText } from "@/components/api.ts";
import { followRealtime, modelFlash, type World } from "@/components/world.ts";
import { createCategoryEditor } from "./category_editor.ts";
import {
  createExpenseForm,
  FLASH_MS,
  type PostedForm,
} from "./expense_form.ts";
import { createExpenseList } from "./list_model.ts";
import {
  alertsOf,
  applyBudgetUpdate,
  applyOwnExpenseDelete,
  type BudgetData,
  dropExpense,
  expenseTotal,
  removeCategory,
  tombstones,
  upsertCategory,
} from "./model.ts";

export type { PostedForm };

/** The budget model's world: also the address bar, kept in step. */
export interface BudgetWorld extends World {
  /** Replaces the page's address (`history.replaceState`). */
  replaceUrl(href: string): void;
}

/** What the page gives the model. */
export interface BudgetInit {
  initial: BudgetData;
  /** The default expense date (today in the production's time zone). */
  today: string;
  posted: PostedForm | null;
}

/** The budget page's state, derived figures and actions. */
export const BudgetModel = createModel(
  (world: BudgetWorld, init: BudgetInit) => {
    const data = signal(init.initial);
    // Deleted here or by an event: a late answer never brings them back.
    const gone = tombstones();
    const flash = modelFlash(world, FLASH_MS);
    const notice = signal<string | null>(null);
    const announcement = signal("");
    const deleting = signal<ReadonlySet<string>>(new Set());
    const say = (text: string) => announcement.value = text;
    const list = createExpenseList(world, data, gone);
    const editor = createCategoryEditor(world, {
      data,
      say,
      saved(category) {
        data.value = {
          ...data.value,
          categories: upsertCategory(data.value.categories, category, gone),
        };
        flash.flash(category.id);
      },
      removed: removeLocally,
    });
    const form = createExpenseForm(world, {
      data,
      gone,
      list,
      flash,
      say,
      today: init.today,
      posted: init.posted,
    });

    const setDeleting = (id: string, on: boolean) => {
      const next = new Set(deleting.value);
      if (on) next.add(id);
      else next.delete(id);
      deleting.value = next;
    };

    function removeLocally(id: string) {
      data.value = {
        ...data.value,
        categories: removeCategory(data.value.categories, id, gone),
      };
      if (data.value.list.view.categoryId === id) {
        list.show({ ...data.value.list.view, categoryId: null });
      }
    }

    function apply(update: BudgetUpdateData) {
      if (update.action === "committed_changed") {
        // The figure is computed from the shots: read the view again.
        flash.flash(update.category.id);
        void refreshView().catch(() => {
          notice.value =
            "The VFX commitment could not be reloaded. Refresh the page.";
        });
        return;
      }
      const before = data.value.list;
      data.value = applyBudgetUpdate(data.value, update, gone);
      flash.flash(update.category.id);
      if (update.expense) {
        if (data.value.list !== before) flash.flash(update.expense.id);
        if (update.action === "expense_deleted") list.unpin(update.expense.id);
      }
      if (
        update.action === "category_deleted" &&
        data.value.list.view.categoryId === update.category.id
      ) {
        list.show({ ...data.value.list.view, categoryId: null });
      }
      editor.onUpdate(update.action, update.category);
    }

    /** The categories and the VFX commitment again from the API. */
    async function refreshView() {
      const budget = await world.send<BudgetView>("GET", "/api/budget");
      data.value = {
        ...data.value,
        currency: budget.currency,
        categories: budget.categories.filter((c) => !gone.categories.has(c.id)),
        vfx: budget.vfx ?? null,
      };
    }

    /** Everything again from the API (after a resync). */
    async function reload() {
      await refreshView();
      await list.reload();
    }

    followRealtime(
      world,
      ["budget_update"],
      (event) => apply(event.data),
      () =>
        reload().catch(() => {
          notice.value = "The budget could not be reloaded. Refresh the page.";
        }),
    );

    async function deleteExpense(expense: Expense) {
      const money = formatMoney(expense.amountCents, data.value.currency);
      const label = `"${expense.description}" (${money})`;
      if (!world.confirm(`Delete the expense ${label}?`)) return;
      setDeleting(expense.id, true);
      notice.value = null;
      try {
        await world.send(
          "DELETE",
          `/api/budget/expenses/${expense.id}`,
          undefined,
          expense.version,
        );
        data.value = applyOwnExpenseDelete(data.value, expense, gone);
        list.unpin(expense.id);
        flash.flash(expense.categoryId);
        say(`Deleted the expense ${label}.`);
      } catch (failure) {
        if ((failure as ApiFailure).status === 404) {
          // Someone deleted it first; their event corrects the figures.
          data.value = dropExpense(data.value, expense.id, gone);
          list.unpin(expense.id);
        } else {
          notice.value = failureText(
            failure,
            `Could not delete the expense ${label}`,
          );
        }
      } finally {
        setDeleting(expense.id, false);
      }
    }

    const categories = computed<CategoryView[]>(() => data.value.categories);
    return {
      data,
      categories,
      currency: computed(() => data.value.currency),
      vfx: computed(() => data.value.vfx ?? null),
      totals: computed(() => totals(categories.value)),
      alerts: computed(() => alertsOf(categories.value)),
      /** How many expenses the list's view holds in all. */
      expenseTotal: computed(() => expenseTotal(data.value)),
      flashing: flash.flashing,
      notice,
      announcement,
      deleting,
      list,
      form,
      editor,
      deleteExpense,
    };
  },
);

/**
 * A production's settings as functions of a {@linkcode ServiceContext}:
 * the productions a member may see and changing one's settings. Every
 * member reads them; producers and production managers change them (the
 * policy table's `production` row). A change writes the record, its
 * history entry and one `production_update` event in one commit, so open
 * pages hear of it.
 *
 * The currency is the unit of every amount the budget and the VFX bids
 * hold (integer minor units, DESIGN §4): once there is an amount, changing
 * it would silently re-price them, so it is refused.
 *
 * @module
 */
import { categories, expenses } from "@/lib/budget/budget_store.ts";
import { emitCommitmentChange } from "@/lib/budget/vfx_commitment.ts";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { readScope } from "@/lib/policy.ts";
import {
  type AccountContext,
  assertCan,
  emit,
  type ServiceContext,
} from "@/lib/service.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact } from "@/lib/store/transaction.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { shots } from "@/lib/vfx/store.ts";
import type { Production, ProductionPatch } from "./schemas.ts";
import {
  type ProductionView,
  SETTINGS_FIELDS,
  type SettingsField,
} from "./shared.ts";
import type { Role } from "@/lib/roles.ts";
import { membershipsOf } from "@/lib/team/members.ts";
import { getProduction, productionIdOf, productions } from "./store.ts";

/** The production's settings as any member may see them. */
export function toView(production: Production): ProductionView {
  return { ...production, departments: [...production.departments] };
}

/** A production as its member sees it in the list: settings and role. */
export type MyProduction = ProductionView & { role: Role };

/**
 * The productions the account `cx` acts for is a member of, each with its
 * role there, in the order they were created (`GET /api/productions`, the
 * shell's switcher, the home socket).
 */
export async function listProductions(
  cx: AccountContext,
): Promise<MyProduction[]> {
  const mine = await membershipsOf(cx.kv, cx.actor.id);
  return mine.map(({ production, role }) => ({ ...toView(production), role }));
}

/** The settings of the production `cx.kv` is a view of; 404 before seeding. */
export async function getSettings(cx: ServiceContext): Promise<ProductionView> {
  assertCan(cx, "production", "read", undefined, "Your role may not do this");
  const production = await getProduction(cx.kv);
  if (production === null) throw new NotFoundError("production");
  return toView(production);
}

/**
 * Changes the settings of production `id` (producers and production
 * managers). A stale `ifVersion` is a 409 with the current settings; so is
 * a new currency while amounts exist in the old one.
 */
export async function updateProduction(
  cx: ServiceContext,
  id: string,
  patch: ProductionPatch,
  ifVersion?: number,
): Promise<ProductionView> {
  assertCan(
    cx,
    "production",
    "write",
    undefined,
    "Only producers and production managers change the production's settings",
  );
  if (id !== productionIdOf(cx.kv)) throw new NotFoundError("production");
  const { result } = await transact(cx.kv, async (tx) => {
    if (await productions.get(tx, id) === null) {
      throw new NotFoundError("production");
    }
    const { before, after } = await productions.update(tx, id, () => patch, {
      ifVersion,
      now: cx.now(),
    });
    if (after.wrapDate < after.startDate) {
      throw new ValidationError([{
        path: [patch.wrapDate !== undefined ? "wrapDate" : "startDate"],
        message: "The wrap date cannot be before the start date",
      }]);
    }
    if (after.currency !== before.currency) {
      await assertNoAmounts(cx.kv, before.currency);
    }
    const vfxLine = after.vfxBudgetCategoryId;
    if (vfxLine !== before.vfxBudgetCategoryId) {
      // A checked read: a line deleted meanwhile fails the commit.
      if (vfxLine !== null && await categories.get(tx, vfxLine) === null) {
        throw new ValidationError([{
          path: ["vfxBudgetCategoryId"],
          message: "No such budget line: choose one of the budget's lines",
        }]);
      }
      // The committed figure moves from the old line to the new one.
      await emitCommitmentChange(
        tx,
        cx,
        vfxLine ?? before.vfxBudgetCategoryId,
      );
    }
    const changes = diffFields(before, after, SETTINGS_FIELDS);
    tx.recordChange({
      collection: productions.name,
      record: after,
      actor: cx.actor,
      action: "updated",
      changes,
    });
    emit(tx, cx, "production_update", {}, {
      action: "updated",
      production: toView(after),
      changed: changes.map((c) => c.field as SettingsField),
    });
    return after;
  });
  return toView(result);
}

/**
 * Whether the budget or the VFX bids hold an amount (then the currency may
 * not change). Read outside any commit: a first expense booked in the same
 * instant as a currency change is the one race this leaves open.
 */
export async function amountsHeld(kv: Deno.Kv): Promise<boolean> {
  return await expenses.hasAny(kv) ||
    (await categories.list(kv)).some((c) => c.allocatedCents !== 0) ||
    (await shots.list(kv)).some((s) => s.bidCents !== 0);
}

/** ConflictError when amounts exist in `currency` ({@linkcode amountsHeld}). */
async function assertNoAmounts(kv: Deno.Kv, currency: string): Promise<void> {
  if (await amountsHeld(kv)) {
    throw new ConflictError(
      `The currency cannot change: the budget or the VFX bids already hold amounts in ${currency}, and amounts are whole minor units of it. Remove them first, or keep ${currency}.`,
      "currency_in_use",
      { field: "currency" },
    );
  }
}

/**
 * The departments tasks are filed under that the settings do not list (a
 * list changed after tasks used a name), for the settings page to show.
 * Management only: they read every task.
 */
export async function unlistedDepartments(
  cx: ServiceContext,
  listed: readonly string[],
): Promise<string[]> {
  if (readScope(cx.actor.role, "tasks") !== "all") return [];
  const known = new Set(listed.map((d) => d.toLocaleLowerCase("en")));
  const used = new Set<string>();
  for (const task of await tasks.list(cx.kv)) {
    const name = task.department.trim();
    if (name !== "" && !known.has(name.toLocaleLowerCase("en"))) {
      used.add(name);
    }
  }
  return [...used].sort((a, b) => a.localeCompare(b, "en"));
}

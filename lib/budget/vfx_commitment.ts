/**
 * A shot's bid as committed cost in the budget (issue #13): the production
 * chooses a budget line for VFX (`vfxBudgetCategoryId` in its settings),
 * and the bids of every shot not omitted show as that line's "Committed
 * (VFX bids)". Computed when the budget is read, never stored, so it
 * cannot drift from the shots; a change to it is told to budget readers
 * as a `budget_update` `committed_changed` in the same commit as the
 * change (a bid, an omission, another line chosen).
 *
 * @module
 */
import { getProduction } from "@/lib/production/store.ts";
import { emit, type ServiceContext } from "@/lib/service.ts";
import type { Transaction } from "@/lib/store/transaction.ts";
import type { Shot } from "@/lib/vfx/shared.ts";
import { shots } from "@/lib/vfx/store.ts";
import { categories } from "./budget_store.ts";
import { sumCents } from "./money.ts";
import type { CategoryView, VfxCommitment } from "./shared.ts";

/** What a shot commits: its bid, unless it is omitted. */
export function committedBy(shot: Pick<Shot, "status" | "bidCents">): number {
  return shot.status === "omitted" ? 0 : shot.bidCents;
}

/** The commitment of `list` against the line `categoryId`. */
export function commitmentOf(
  categoryId: string,
  list: readonly Pick<Shot, "status" | "bidCents">[],
): VfxCommitment {
  const counted = list.filter((s) => s.status !== "omitted");
  return {
    categoryId,
    committedCents: sumCents(counted.map(committedBy)),
    shots: counted.length,
  };
}

/**
 * The VFX commitment the budget view shows: null when the production chose
 * no line, or chose one the budget no longer has.
 */
export async function vfxCommitment(
  kv: Deno.Kv,
  lines: readonly CategoryView[],
): Promise<VfxCommitment | null> {
  const id = (await getProduction(kv))?.vfxBudgetCategoryId ?? null;
  if (id === null || !lines.some((c) => c.id === id)) return null;
  return commitmentOf(id, await shots.list(kv));
}

/**
 * Tells budget readers, in `tx`, that the VFX line's commitment changed:
 * the line as it is now, when the production has one. The line is read
 * outside the commit (no check): the event only says "read it again".
 */
export async function emitCommitmentChange(
  tx: Transaction,
  cx: ServiceContext,
  categoryId: string | null = null,
): Promise<void> {
  const id = categoryId ??
    (await getProduction(cx.kv))?.vfxBudgetCategoryId ?? null;
  const line = id === null ? null : await categories.get(cx.kv, id);
  if (line === null) return;
  emit(tx, cx, "budget_update", {}, {
    action: "committed_changed",
    category: line,
  });
}

/** Whether a shot's change moves what it commits (a bid, an omission). */
export function commitmentMoved(before: Shot | null, after: Shot): boolean {
  return (before === null ? 0 : committedBy(before)) !== committedBy(after);
}

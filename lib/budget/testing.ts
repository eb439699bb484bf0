/**
 * Test helpers: the budget service's operations called as `actor` on `kv`
 * (the real clock), so a test reads `createExpense(kv, producer, input)`.
 *
 * @module
 */
import type { Actor } from "@/lib/policy.ts";
import { type ServiceContext, serviceContext } from "@/lib/service.ts";
import * as budget from "./service.ts";

/** Whoever a test acts as; the name defaults to "". */
export type Person = Actor & { name?: string };

/** `op` with `(kv, actor)` in place of its service context. */
function asActor<A extends unknown[], R>(
  op: (cx: ServiceContext, ...args: A) => R,
): (kv: Deno.Kv, actor: Person, ...args: A) => R {
  return (kv, actor, ...args) =>
    op(serviceContext(kv, { name: "", ...actor }), ...args);
}

/** {@linkcode budget.createCategory} as `actor`. */
export const createCategory = asActor(budget.createCategory);
/** {@linkcode budget.updateCategory} as `actor`. */
export const updateCategory = asActor(budget.updateCategory);
/** {@linkcode budget.deleteCategory} as `actor`. */
export const deleteCategory = asActor(budget.deleteCategory);
/** {@linkcode budget.createExpense} as `actor`. */
export const createExpense = asActor(budget.createExpense);
/** {@linkcode budget.deleteExpense} as `actor`. */
export const deleteExpense = asActor(budget.deleteExpense);

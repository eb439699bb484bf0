/**
 * The expense indexes' one-time backfill: a store written before the sort
 * indexes existed (expense_list.ts) gets every expense's entries on its
 * first list read, then a mark so it never runs again. It is idempotent,
 * so two processes starting it together (or a crash halfway) are harmless.
 *
 * @module
 */
import { EXPENSE_INDEXES, expenses } from "./budget_store.ts";
import { ExpenseSchema } from "./schemas.ts";
import { stateOf } from "@/lib/store/store_state.ts";

/** The KV key prefix of the expense index `name` (Repository's layout). */
export function indexPrefix(name: string): string {
  return `${expenses.name}_by_${name}`;
}

/** Set once every expense has its entries in every index. */
const INDEXED_KEY: Deno.KvKey = ["budget_migrations", "expense_sort_indexes"];
const BATCH = 10;
const ATTEMPTS = 5;

/**
 * Makes sure expenses booked before the sort indexes existed are in them:
 * on the first read of a store without the mark, runs
 * {@linkcode backfillExpenseIndexes} and sets the mark. Later reads in
 * this process skip even the mark's read.
 */
export async function ensureExpenseIndexes(kv: Deno.Kv): Promise<void> {
  const done = stateOf(kv).done;
  if (done.has("expense_indexes")) return;
  if ((await kv.get(INDEXED_KEY)).value === null) {
    await backfillExpenseIndexes(kv);
    await kv.set(INDEXED_KEY, { at: new Date().toISOString() });
  }
  done.add("expense_indexes");
}

/**
 * (Re)writes every expense's entries in every index, in batches that each
 * check their expenses are unchanged, so an expense deleted meanwhile gets
 * no entries back. Idempotent: entries are plain sets of the same value,
 * and two processes running it at once write the same thing.
 */
export async function backfillExpenseIndexes(kv: Deno.Kv): Promise<void> {
  let batch: Deno.KvEntry<unknown>[] = [];
  for await (const entry of kv.list({ prefix: [expenses.name] })) {
    batch.push(entry);
    if (batch.length === BATCH) {
      await indexBatch(kv, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await indexBatch(kv, batch);
}

/** Writes the index entries of up to 10 expenses, checked against change. */
async function indexBatch(kv: Deno.Kv, batch: Deno.KvEntryMaybe<unknown>[]) {
  let entries = batch;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const op = kv.atomic();
    for (const entry of entries) {
      op.check(entry);
      if (entry.value === null) continue;
      const expense = ExpenseSchema.parse(entry.value);
      for (const spec of EXPENSE_INDEXES) {
        const parts = spec.key(expense);
        if (parts === null) continue;
        op.set([indexPrefix(spec.name), ...parts, expense.id], expense.id);
      }
    }
    if ((await op.commit()).ok) return;
    // One of them changed (deleted): read them again and redo the batch.
    entries = await kv.getMany(entries.map((e) => e.key));
  }
  throw new Error("Could not index the budget's expenses: the store is busy");
}

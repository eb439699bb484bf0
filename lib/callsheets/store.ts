/**
 * Call sheets in KV, per production: the records (`callsheets`, one per
 * shooting day by a unique index on the day) and the receipts,
 * `["callsheet_confirms", sheetId, revision, userId]` → {@linkcode StoredReceipt}.
 * Receipts live beside the sheet, not in it: a member confirming never
 * moves the sheet's version under the office's edit, and a new revision
 * starts with none simply by its number.
 *
 * @module
 */
import { Repository } from "@/lib/store/repository.ts";
import type { Transaction } from "@/lib/store/transaction.ts";
import { CallSheetSchema } from "./schemas.ts";
import type { CallSheet } from "./shared.ts";

/** The call sheets, unique by shooting day. */
export const callSheets = new Repository<CallSheet>({
  name: "callsheets",
  schema: CallSheetSchema,
  indexes: [{ name: "day", key: (s) => [s.day], unique: true }],
});

/** A member's receipt of one revision, as stored. */
export interface StoredReceipt {
  name: string;
  at: string;
}

const RECEIPTS = "callsheet_confirms";

/** The key of a member's receipt of a revision. */
export function receiptKey(
  sheetId: string,
  revision: number,
  userId: string,
): Deno.KvKey {
  return [RECEIPTS, sheetId, revision, userId];
}

/** Every receipt of a revision, by member id. */
export async function readReceipts(
  kv: Deno.Kv,
  sheetId: string,
  revision: number,
): Promise<Map<string, StoredReceipt>> {
  const out = new Map<string, StoredReceipt>();
  const iter = kv.list<StoredReceipt>({
    prefix: [RECEIPTS, sheetId, revision],
  });
  for await (const entry of iter) out.set(String(entry.key[3]), entry.value);
  return out;
}

/** How many members confirmed a revision (keys only). */
export async function countReceipts(
  kv: Deno.Kv,
  sheetId: string,
  revision: number,
): Promise<number> {
  let n = 0;
  const iter = kv.list({ prefix: [RECEIPTS, sheetId, revision] }, {
    batchSize: 200,
  });
  for await (const _ of iter) n++;
  return n;
}

/**
 * Deletes a revision's receipts in `tx`'s commit (mutations only, no
 * check): a new revision must be confirmed again.
 */
export async function dropReceipts(
  tx: Transaction,
  sheetId: string,
  revision: number,
): Promise<void> {
  for await (
    const entry of tx.kv.list({ prefix: [RECEIPTS, sheetId, revision] })
  ) tx.delete(entry.key);
}

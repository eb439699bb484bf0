/**
 * The expense list, a page at a time: each sort reads one KV index of
 * `expenses` as a bounded range (never a scan of every expense), and the
 * next page continues from an opaque cursor.
 *
 * Sorts: `recorded` (booking time, newest first by default), `date` (the
 * expense's date, then booking time), `amount` (then booking time) and
 * `category` (grouped by account code, ascending by default; newest first
 * within each category). With a `categoryId`, the same sorts read that
 * category's own indexes.
 *
 * @module
 */
import { ValidationError } from "@/lib/errors.ts";
import { ensureExpenseIndexes, indexPrefix } from "./expense_indexes.ts";
import { categories, expenses, requireCategory } from "./budget_store.ts";
import { compareCodes } from "./money.ts";
import {
  DEFAULT_EXPENSE_PAGE,
  type Expense,
  EXPENSE_SORTS,
  type ExpensePage,
  type ExpenseQuery,
  type ExpenseSort,
  MAX_EXPENSE_PAGE,
  type SortOrder,
} from "./schemas.ts";

/** The order a sort has when none is asked for. */
export function defaultOrder(sort: ExpenseSort): SortOrder {
  return sort === "category" ? "asc" : "desc";
}

/** Where a page stopped: the list it belongs to and the KV position. */
interface Position {
  sort: ExpenseSort;
  order: SortOrder;
  categoryId: string | null;
  /** The KV cursor within the index range read last. */
  kv: string;
  /** For `category` over all categories: the category being read. */
  at?: { id: string; code: string };
}

function encodeCursor(position: Position): string {
  const bytes = new TextEncoder().encode(JSON.stringify(position));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-")
    .replaceAll("/", "_").replace(/=+$/, "");
}

function badCursor(message: string): ValidationError {
  return new ValidationError([{ path: ["cursor"], message }], message);
}

/** Reads a cursor back; it must belong to the same list (sort, order, filter). */
function decodeCursor(
  cursor: string,
  expected: Omit<Position, "kv" | "at">,
): Position {
  let position: Position;
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    position = JSON.parse(
      new TextDecoder().decode(
        Uint8Array.from(binary, (c) => c.charCodeAt(0)),
      ),
    );
  } catch {
    throw badCursor("The cursor is not one this list gave out");
  }
  if (
    typeof position !== "object" || position === null ||
    typeof position.kv !== "string" ||
    position.sort !== expected.sort || position.order !== expected.order ||
    (position.categoryId ?? null) !== expected.categoryId
  ) {
    throw badCursor(
      "The cursor belongs to another sort or filter: start from the first page",
    );
  }
  return position;
}

/** Which index a sort reads, with or without a category filter. */
function indexFor(sort: ExpenseSort, filtered: boolean): string {
  const base = sort === "date"
    ? "recent"
    : sort === "amount"
    ? "amount"
    : "recorded";
  if (!filtered) return base;
  return base === "recent" ? "category_date" : `category_${base}`;
}

/**
 * Up to `limit` ids from one index range, and the KV cursor after the last
 * one when more follow (one extra entry is read to know).
 */
async function readRange(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  reverse: boolean,
  limit: number,
  cursor: string | undefined,
): Promise<{ ids: string[]; next: string | null }> {
  const ids: string[] = [];
  let next: string | null = null;
  let more = false;
  const iter = kv.list<string>({ prefix }, {
    reverse,
    limit: limit + 1,
    cursor: cursor || undefined,
  });
  try {
    for await (const entry of iter) {
      if (ids.length === limit) {
        more = true;
        break;
      }
      ids.push(entry.value);
      if (ids.length === limit) next = iter.cursor;
    }
  } catch (error) {
    // Deno KV refuses a cursor it cannot decode with a TypeError.
    if (error instanceof TypeError) {
      throw badCursor("The cursor is not one this list gave out");
    }
    throw error;
  }
  return { ids, next: more ? next : null };
}

/** The expenses of `ids`, in that order (ids of deleted ones are skipped). */
async function readExpenses(kv: Deno.Kv, ids: string[]): Promise<Expense[]> {
  const found: Expense[] = [];
  for (let i = 0; i < ids.length; i += 10) {
    const batch = await Promise.all(
      ids.slice(i, i + 10).map((id) => expenses.get(kv, id)),
    );
    for (const e of batch) if (e !== null) found.push(e);
  }
  return found;
}

/**
 * One page of expenses (see the module doc for the sorts). A category that
 * does not exist is a 404; a cursor of another list is a 400.
 */
export async function listExpensePage(
  kv: Deno.Kv,
  query: Partial<ExpenseQuery> = {},
): Promise<ExpensePage> {
  await ensureExpenseIndexes(kv);
  const sort = query.sort ?? "recorded";
  const order = query.order ?? defaultOrder(sort);
  const limit = Math.min(query.limit ?? DEFAULT_EXPENSE_PAGE, MAX_EXPENSE_PAGE);
  const categoryId = query.categoryId ?? null;
  const position = query.cursor === undefined
    ? null
    : decodeCursor(query.cursor, { sort, order, categoryId });
  const page = (ids: string[], next: Position | null) =>
    readExpenses(kv, ids).then((list) => ({
      expenses: list,
      nextCursor: next === null ? null : encodeCursor(next),
    }));

  if (categoryId !== null) await requireCategory(kv, categoryId);
  if (sort === "category" && categoryId === null) {
    return byCategory(kv, order, limit, position, page);
  }
  // Within one category, "by category" is simply newest first.
  const index = indexFor(sort, categoryId !== null);
  const reverse = sort === "category" ? true : order === "desc";
  const { ids, next } = await readRange(
    kv,
    [indexPrefix(index), ...(categoryId === null ? [] : [categoryId])],
    reverse,
    limit,
    position?.kv,
  );
  return page(
    ids,
    next === null ? null : { sort, order, categoryId, kv: next },
  );
}

/**
 * Every category's expenses in account-code order (newest first within
 * each), reading only categories that have expenses, from where the
 * cursor stopped.
 */
async function byCategory(
  kv: Deno.Kv,
  order: SortOrder,
  limit: number,
  position: Position | null,
  page: (ids: string[], next: Position | null) => Promise<ExpensePage>,
): Promise<ExpensePage> {
  const all = (await categories.list(kv)).sort((a, b) =>
    order === "asc"
      ? compareCodes(a.code, b.code)
      : compareCodes(b.code, a.code)
  );
  let start = 0;
  let cursor: string | undefined;
  if (position?.at) {
    const at = position.at;
    const index = all.findIndex((c) => c.id === at.id);
    if (index !== -1) {
      start = index;
      cursor = position.kv;
    } else {
      // The category went (it had no expenses left): go on after its code.
      start = all.findIndex((c) =>
        order === "asc"
          ? compareCodes(c.code, at.code) > 0
          : compareCodes(c.code, at.code) < 0
      );
      if (start === -1) start = all.length;
    }
  }
  const ids: string[] = [];
  for (let i = start; i < all.length; i++) {
    const category = all[i];
    if (category.expenseCount === 0) continue;
    const wanted = limit - ids.length;
    const range = await readRange(
      kv,
      [indexPrefix("category_recorded"), category.id],
      true,
      wanted,
      i === start ? cursor : undefined,
    );
    ids.push(...range.ids);
    if (ids.length < limit) continue;
    // Full: the next page starts within this category, or after it.
    const rest = range.next !== null ||
      all.slice(i + 1).some((c) => c.expenseCount > 0);
    if (!rest) return page(ids, null);
    const at = range.next !== null ? category : all[i + 1];
    return page(ids, {
      sort: "category",
      order,
      categoryId: null,
      kv: range.next ?? "",
      at: { id: at.id, code: at.code },
    });
  }
  return page(ids, null);
}

/**
 * The sort and order a page asks for in its URL (`?sort=&order=`), read
 * leniently: anything unknown falls back to the default, never an error.
 */
export function sortFromUrl(
  params: URLSearchParams,
): { sort: ExpenseSort; order: SortOrder } {
  // The page's own form sends "amount-asc"; links send sort and order.
  const [asked, askedOrder] = (params.get("sort") ?? "").split("-");
  const sort = EXPENSE_SORTS.find((s) => s === asked) ?? "recorded";
  const order = askedOrder ?? params.get("order");
  return {
    sort,
    order: order === "asc" || order === "desc" ? order : defaultOrder(sort),
  };
}

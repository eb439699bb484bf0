import assert from "node:assert/strict";
import type { Expense } from "@/lib/budget/shared.ts";
import {
  appendPage,
  comparator,
  type ExpenseList,
  insertExpense,
  type ListView,
  pageUrl,
  viewHref,
} from "./list.ts";

let seq = 0;
function expense(
  categoryId: string,
  amountCents: number,
  date: string,
): Expense {
  seq++;
  return {
    id: `e${String(seq).padStart(3, "0")}`,
    version: 1,
    createdAt: `2027-01-01T00:00:${String(seq).padStart(2, "0")}.000Z`,
    updatedAt: "2027-01-01T00:00:00.000Z",
    categoryId,
    amountCents,
    description: `Expense ${seq}`,
    vendor: "",
    date,
    createdBy: "u1",
    createdByName: "Someone",
  };
}

const codes: Record<string, string> = { a: "2300", b: "10100", c: "4500" };
const codeOf = (id: string) => codes[id];
const view = (v: Partial<ListView> = {}): ListView => ({
  sort: "recorded",
  order: "desc",
  categoryId: null,
  ...v,
});
const list = (
  v: Partial<ListView>,
  expenses: Expense[],
  nextCursor: string | null = null,
): ExpenseList => ({
  view: view(v),
  expenses: [...expenses].sort(comparator(view(v), codeOf)),
  nextCursor,
});
const ids = (l: ExpenseList) => l.expenses.map((e) => e.id);

Deno.test("insertExpense - a new booking goes on top of the newest-first list, even with more to load", () => {
  const old = [
    expense("a", 100, "2027-05-01"),
    expense("b", 200, "2027-06-01"),
  ];
  const fresh = expense("a", 50, "2027-01-01");
  const next = insertExpense(list({}, old, "more"), fresh, codeOf);
  assert.deepEqual(ids(next), [fresh.id, old[1].id, old[0].id]);
  // Reported again: listed once.
  assert.equal(insertExpense(next, fresh, codeOf), next);
});

Deno.test("insertExpense - other sorts: in order within the loaded range, left out beyond it", () => {
  const loaded = [
    expense("a", 900, "2027-05-01"),
    expense("b", 500, "2027-04-01"),
    expense("c", 300, "2027-03-01"),
  ];
  // Amount, largest first, more to load after 300: 400 fits, 100 does not.
  const byAmount = list({ sort: "amount" }, loaded, "more");
  const mid = expense("a", 400, "2027-01-01");
  assert.deepEqual(ids(insertExpense(byAmount, mid, codeOf)), [
    loaded[0].id,
    loaded[1].id,
    mid.id,
    loaded[2].id,
  ]);
  const small = expense("a", 100, "2027-01-01");
  assert.equal(insertExpense(byAmount, small, codeOf), byAmount);
  // Once everything is loaded, it goes to the end instead.
  assert.equal(
    ids(insertExpense({ ...byAmount, nextCursor: null }, small, codeOf)).at(-1),
    small.id,
  );
  // By date, oldest first: an old date goes first.
  const byDate = list({ sort: "date", order: "asc" }, loaded, "more");
  const early = expense("c", 1, "2026-12-31");
  assert.equal(ids(insertExpense(byDate, early, codeOf))[0], early.id);
  // By category code (2300 < 4500 < 10100), newest first within one.
  const byCategory = list({ sort: "category", order: "asc" }, loaded);
  const inC = expense("c", 1, "2027-01-01");
  assert.deepEqual(ids(insertExpense(byCategory, inC, codeOf)), [
    loaded[0].id,
    inC.id,
    loaded[2].id,
    loaded[1].id,
  ]);
  // Another category than the filtered one is not listed.
  const onlyA = list({ categoryId: "a" }, [loaded[0]]);
  assert.equal(insertExpense(onlyA, inC, codeOf), onlyA);
});

Deno.test("appendPage - skips known and deleted expenses, takes the new cursor", () => {
  const [a, b, c] = [
    expense("a", 1, "2027-01-01"),
    expense("a", 2, "2027-01-01"),
    expense("a", 3, "2027-01-01"),
  ];
  const next = appendPage(list({}, [c], "x"), {
    expenses: [c, b, a],
    nextCursor: null,
  }, new Set([b.id]));
  assert.deepEqual(ids(next), [c.id, a.id]);
  assert.equal(next.nextCursor, null);
});

Deno.test("pageUrl and viewHref - the API page and the page's own address", () => {
  assert.equal(
    pageUrl(view({ categoryId: "a" }), 50, "abc"),
    "/api/budget/expenses?sort=recorded&order=desc&limit=50&categoryId=a&cursor=abc",
  );
  assert.equal(viewHref(view()), "/budget");
  assert.equal(viewHref(view(), 100), "/budget?limit=100");
  assert.equal(
    viewHref(view({ sort: "amount", order: "asc", categoryId: "a" })),
    "/budget?category=a&sort=amount&order=asc",
  );
});

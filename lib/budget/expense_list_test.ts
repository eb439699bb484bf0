import assert from "node:assert/strict";
import { toApiError } from "@/lib/http/errors.ts";
import { withKv } from "@/lib/store/testing.ts";
import { createCategory, createExpense, deleteExpense } from "./testing.ts";
import { backfillExpenseIndexes } from "./expense_indexes.ts";
import { listExpensePage, sortFromUrl } from "./expense_list.ts";
import type { Category, Expense, ExpenseQuery, NewExpense } from "./schemas.ts";

const producer = { id: "p1", name: "Paula Reyes", role: "producer" as const };

const account = (code: string) => ({
  name: `Account ${code}`,
  code,
  section: "below_the_line" as const,
  allocatedCents: 100_000_000,
});

const item = (
  categoryId: string,
  amountCents: number,
  date: string,
  description = `Item ${amountCents}`,
): NewExpense => ({ categoryId, amountCents, description, vendor: "", date });

/** Books expenses one after another, so each has a later booking time. */
async function book(kv: Deno.Kv, list: NewExpense[]): Promise<Expense[]> {
  const booked: Expense[] = [];
  for (const input of list) {
    const before = booked.at(-1)?.createdAt;
    let expense = (await createExpense(kv, producer, input)).expense;
    // Distinct booking times make the expected orders exact.
    while (before !== undefined && expense.createdAt === before) {
      await deleteExpense(kv, producer, expense.id);
      expense = (await createExpense(kv, producer, input)).expense;
    }
    booked.push(expense);
  }
  return booked;
}

/** Every page of a list, following `nextCursor`. */
async function allPages(
  kv: Deno.Kv,
  query: Partial<ExpenseQuery>,
): Promise<{ pages: number; list: Expense[] }> {
  const list: Expense[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listExpensePage(kv, { ...query, cursor });
    pages++;
    list.push(...page.expenses);
    cursor = page.nextCursor ?? undefined;
    assert.ok(pages < 100, "the cursor must move on");
  } while (cursor !== undefined);
  return { pages, list };
}

const descriptions = (list: Expense[]) => list.map((e) => e.description);
const badRequest = (e: unknown) => toApiError(e).status === 400;
const notFound = (e: unknown) => toApiError(e).status === 404;

async function twoAccounts(kv: Deno.Kv): Promise<[Category, Category]> {
  // Created out of code order: the list orders by code, not by creation.
  const b = await createCategory(kv, producer, account("4500"));
  const a = await createCategory(kv, producer, account("2300"));
  return [a, b];
}

Deno.test("listExpensePage - a just-booked expense comes first, before 55 future-dated ones", () =>
  withKv(async (kv) => {
    const [a] = await twoAccounts(kv);
    // Booked one after another: the coffee has the latest booking time
    // (two bookings in one millisecond would order by id instead).
    const booked = await book(kv, [
      ...Array.from(
        { length: 55 },
        (_, i) => item(a.id, 100 + i, "2027-06-30"),
      ),
      item(a.id, 5, "2026-11-20", "Coffee for the crew"),
    ]);
    const today = { expense: booked.at(-1)! };
    const page = await listExpensePage(kv);
    assert.equal(page.expenses.length, 50);
    assert.equal(page.expenses[0].id, today.expense.id);
    assert.notEqual(page.nextCursor, null);
    // Sorted by the expense's date, it is last instead.
    const byDate = await allPages(kv, { sort: "date" });
    assert.equal(byDate.list.at(-1)?.id, today.expense.id);
    assert.equal(byDate.list.length, 56);
  }));

Deno.test("listExpensePage - every sort and order, over all categories and within one", () =>
  withKv(async (kv) => {
    const [a, b] = await twoAccounts(kv);
    await book(kv, [
      item(b.id, 300, "2027-03-02", "b1"),
      item(a.id, 100, "2027-03-05", "a1"),
      item(a.id, 900, "2027-03-01", "a2"),
      item(b.id, 50, "2027-03-04", "b2"),
      item(a.id, 400, "2027-03-01", "a3"),
    ]);
    const cases: [Partial<ExpenseQuery>, string[]][] = [
      [{}, ["a3", "b2", "a2", "a1", "b1"]],
      [{ sort: "recorded", order: "asc" }, ["b1", "a1", "a2", "b2", "a3"]],
      // Same date: the later booking first.
      [{ sort: "date" }, ["a1", "b2", "b1", "a3", "a2"]],
      [{ sort: "date", order: "asc" }, ["a2", "a3", "b1", "b2", "a1"]],
      [{ sort: "amount" }, ["a2", "a3", "b1", "a1", "b2"]],
      [{ sort: "amount", order: "asc" }, ["b2", "a1", "b1", "a3", "a2"]],
      // By code (2300 before 4500), newest first within each.
      [{ sort: "category" }, ["a3", "a2", "a1", "b2", "b1"]],
      [{ sort: "category", order: "desc" }, ["b2", "b1", "a3", "a2", "a1"]],
      [{ categoryId: a.id }, ["a3", "a2", "a1"]],
      [{ categoryId: a.id, sort: "date" }, ["a1", "a3", "a2"]],
      [{ categoryId: a.id, sort: "amount", order: "asc" }, ["a1", "a3", "a2"]],
      [{ categoryId: b.id, sort: "category" }, ["b2", "b1"]],
    ];
    for (const [query, expected] of cases) {
      const whole = await listExpensePage(kv, query);
      assert.deepEqual(
        descriptions(whole.expenses),
        expected,
        JSON.stringify(query),
      );
      assert.equal(whole.nextCursor, null);
      // Two at a time, the pages add up to the same list.
      const paged = await allPages(kv, { ...query, limit: 2 });
      assert.deepEqual(
        descriptions(paged.list),
        expected,
        JSON.stringify(query),
      );
      assert.equal(paged.pages, Math.ceil(expected.length / 2));
    }
  }));

Deno.test("listExpensePage - paging by category skips empty accounts and ends with a null cursor", () =>
  withKv(async (kv) => {
    const [a, b] = await twoAccounts(kv);
    await createCategory(kv, producer, account("3000")); // no expenses
    await book(kv, [
      item(a.id, 1, "2027-01-01", "a1"),
      item(a.id, 2, "2027-01-01", "a2"),
      item(b.id, 3, "2027-01-01", "b1"),
      item(b.id, 4, "2027-01-01", "b2"),
    ]);
    const first = await listExpensePage(kv, { sort: "category", limit: 2 });
    assert.deepEqual(descriptions(first.expenses), ["a2", "a1"]);
    assert.ok(first.nextCursor);
    const second = await listExpensePage(kv, {
      sort: "category",
      limit: 2,
      cursor: first.nextCursor,
    });
    assert.deepEqual(descriptions(second.expenses), ["b2", "b1"]);
    assert.equal(second.nextCursor, null);
  }));

Deno.test("listExpensePage - a foreign or broken cursor is a 400, an unknown category a 404", () =>
  withKv(async (kv) => {
    const [a] = await twoAccounts(kv);
    await book(kv, [item(a.id, 1, "2027-01-01"), item(a.id, 2, "2027-01-01")]);
    const { nextCursor } = await listExpensePage(kv, { limit: 1 });
    assert.ok(nextCursor);
    await assert.rejects(
      listExpensePage(kv, { sort: "amount", limit: 1, cursor: nextCursor }),
      badRequest,
    );
    await assert.rejects(
      listExpensePage(kv, { categoryId: a.id, cursor: nextCursor }),
      badRequest,
    );
    for (const cursor of ["nonsense", "eyJ9", "e30"]) {
      await assert.rejects(listExpensePage(kv, { cursor }), badRequest);
    }
    await assert.rejects(
      listExpensePage(kv, { categoryId: "nope" }),
      notFound,
    );
  }));

Deno.test("listExpensePage - a page reads a bounded range, not every expense", () =>
  withKv(async (kv) => {
    const [a, b] = await twoAccounts(kv);
    for (let i = 0; i < 60; i++) {
      await createExpense(
        kv,
        producer,
        item(i % 2 ? a.id : b.id, 10 + i, "2027-02-01"),
      );
    }
    await listExpensePage(kv); // the one-time index check happens here
    let read = 0;
    const counting = new Proxy(kv, {
      get(target, name) {
        if (name === "list") {
          return (...args: Parameters<Deno.Kv["list"]>) => {
            const iter = target.list(...args);
            return {
              get cursor() {
                return iter.cursor;
              },
              async *[Symbol.asyncIterator]() {
                for await (const entry of iter) {
                  read++;
                  yield entry;
                }
              },
            };
          };
        }
        const value = Reflect.get(target, name);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    for (const sort of ["recorded", "date", "amount"] as const) {
      read = 0;
      const page = await listExpensePage(counting, { sort, limit: 5 });
      assert.equal(page.expenses.length, 5);
      assert.ok(read <= 6, `${sort}: ${read} entries read`);
    }
    read = 0;
    await listExpensePage(counting, { sort: "category", limit: 5 });
    // The two categories, then at most one entry past the page.
    assert.ok(read <= 2 + 6, `category: ${read} entries read`);
  }));

Deno.test("backfillExpenseIndexes - expenses booked before the sort indexes are listed, once", () =>
  withKv(async (kv) => {
    const [a, b] = await twoAccounts(kv);
    const booked = await book(kv, [
      item(a.id, 1, "2027-01-03", "old1"),
      item(b.id, 2, "2027-01-02", "old2"),
      item(a.id, 3, "2027-01-01", "old3"),
    ]);
    // The store as an older version left it: only the record and the
    // category and date indexes.
    for (
      const name of [
        "recorded",
        "amount",
        "category_recorded",
        "category_date",
        "category_amount",
      ]
    ) {
      for await (
        const e of kv.list({ prefix: [`budget_expenses_by_${name}`] })
      ) {
        await kv.delete(e.key);
      }
    }
    const page = await listExpensePage(kv, { sort: "amount" });
    assert.deepEqual(descriptions(page.expenses), ["old3", "old2", "old1"]);
    assert.deepEqual(
      descriptions((await listExpensePage(kv, { categoryId: a.id })).expenses),
      ["old3", "old1"],
    );
    // Running it again writes the same entries: nothing doubles.
    const count = async () => {
      let n = 0;
      for await (
        const _ of kv.list({ prefix: ["budget_expenses_by_recorded"] })
      ) n++;
      return n;
    };
    assert.equal(await count(), 3);
    await backfillExpenseIndexes(kv);
    assert.equal(await count(), 3);
    // A deleted expense leaves no entry behind.
    await deleteExpense(kv, producer, booked[0].id);
    await backfillExpenseIndexes(kv);
    assert.equal(await count(), 2);
  }));

Deno.test("sortFromUrl - unknown values fall back to the defaults", () => {
  const read = (query: string) => sortFromUrl(new URLSearchParams(query));
  assert.deepEqual(read(""), { sort: "recorded", order: "desc" });
  assert.deepEqual(read("sort=nonsense&order=up"), {
    sort: "recorded",
    order: "desc",
  });
  assert.deepEqual(read("sort=category"), { sort: "category", order: "asc" });
  assert.deepEqual(read("sort=date-asc"), { sort: "date", order: "asc" });
  assert.deepEqual(read("sort=amount&order=asc"), {
    sort: "amount",
    order: "asc",
  });
});

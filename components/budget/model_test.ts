import assert from "node:assert/strict";
import type { CategoryView } from "@/lib/budget/shared.ts";
import { MAX_CENTS } from "@/lib/budget/money.ts";
import type { Category, Expense } from "@/lib/budget/shared.ts";
import {
  addExpense,
  alertsOf,
  applyBudgetUpdate,
  applyOwnExpenseDelete,
  type BudgetData,
  bySection,
  expenseTotal,
  parseAmount,
  tombstones,
  upsertCategory,
  viewOf,
} from "./model.ts";

const cents = (text: string, currency = "EUR") => {
  const r = parseAmount(text, currency);
  return r.ok ? r.cents : r.message;
};

Deno.test("parseAmount - decimals become exact cents with string math", () => {
  assert.equal(cents("1234.50"), 123450);
  assert.equal(cents("1234.5"), 123450);
  assert.equal(cents("1234"), 123400);
  assert.equal(cents(".5"), 50);
  assert.equal(cents("0.01"), 1);
  // The float trap: 1.15 * 100 is 114.99999999999999.
  assert.equal(cents("1.15"), 115);
  assert.equal(cents("4.35"), 435);
  assert.equal(cents("  12.30 "), 1230);
  assert.equal(cents("000012.30"), 1230);
});

Deno.test("parseAmount - grouping, decimal commas and currency marks", () => {
  assert.equal(cents("1,234.50"), 123450);
  assert.equal(cents("1,234,567"), 123456700);
  assert.equal(cents("1234,50"), 123450);
  assert.equal(cents("1.234,50"), 123450);
  assert.equal(cents("1 234.50"), 123450);
  assert.equal(cents("1\u202f234,5"), 123450);
  assert.equal(cents("€12"), 1200);
  assert.equal(cents("12 EUR"), 1200);
  assert.equal(cents("$5", "USD"), 500);
});

Deno.test("parseAmount - refuses what it cannot read exactly", () => {
  assert.equal(cents(""), "Enter an amount");
  assert.equal(cents("   "), "Enter an amount");
  assert.equal(cents("12.345"), "Use at most 2 decimals");
  assert.equal(cents("0"), "The amount must be more than zero");
  assert.equal(cents("0.00"), "The amount must be more than zero");
  assert.equal(cents("-5"), "The amount must be more than zero");
  for (const bad of ["abc", "1e3", "12.3.4", ".", "1,23,4", "0x10", "12-"]) {
    assert.equal(cents(bad), "Enter a number such as 1234.50", bad);
  }
  assert.equal(cents("100000000000.00"), MAX_CENTS);
  assert.equal(cents("100000000000.01"), "The amount is too large");
  assert.equal(cents("99999999999999999999"), "The amount is too large");
});

Deno.test("parseAmount - follows the currency's minor digits", () => {
  assert.equal(cents("1234", "JPY"), 1234);
  assert.equal(cents("12.5", "JPY"), "JPY amounts have no decimals");
  assert.equal(cents("1.234", "BHD"), 1234);
  assert.equal(cents("1.2345", "BHD"), "Use at most 3 decimals");
});

Deno.test("parseAmount - zero only for allocations", () => {
  assert.deepEqual(parseAmount("0", "EUR", { allowZero: true }), {
    ok: true,
    cents: 0,
  });
  assert.deepEqual(parseAmount("-1", "EUR", { allowZero: true }), {
    ok: false,
    message: "The allocation cannot be negative",
  });
});

let seq = 0;
function category(
  code: string,
  allocatedCents: number,
  spentCents: number,
  extra: Partial<Category> = {},
): Category {
  return {
    id: `c${code}`,
    version: 1,
    createdAt: "2027-01-01T00:00:00.000Z",
    updatedAt: "2027-01-01T00:00:00.000Z",
    name: `Cat ${code}`,
    code,
    section: "below_the_line",
    allocatedCents,
    spentCents,
    expenseCount: 0,
    ...extra,
  };
}
function expense(categoryId: string, amountCents: number, date: string) {
  seq++;
  return {
    id: `e${String(seq).padStart(3, "0")}`,
    version: 1,
    createdAt: `2027-01-01T00:00:00.${String(seq).padStart(3, "0")}Z`,
    updatedAt: "2027-01-01T00:00:00.000Z",
    categoryId,
    amountCents,
    description: `Expense ${seq}`,
    vendor: "",
    date,
    createdBy: "u1",
    createdByName: "Someone",
  } satisfies Expense;
}
/** The page's data listing `expenses` newest booked first, all loaded. */
function budget(categories: Category[], expenses: Expense[]): BudgetData {
  return {
    currency: "EUR",
    categories: categories.map(viewOf),
    list: {
      view: { sort: "recorded", order: "desc", categoryId: null },
      expenses,
      nextCursor: null,
    },
  };
}

Deno.test("upsertCategory - keeps code order and never goes back a version", () => {
  const gone = tombstones();
  let list: CategoryView[] = [viewOf(category("2300", 100, 0))];
  list = upsertCategory(list, category("10100", 100, 0), gone);
  list = upsertCategory(list, category("1100", 100, 0), gone);
  assert.deepEqual(list.map((c) => c.code), ["1100", "2300", "10100"]);
  const newer = category("2300", 100, 85, { version: 3 });
  list = upsertCategory(list, newer, gone);
  assert.equal(list[1].level, 80);
  assert.equal(list[1].remainingCents, 15);
  // The response of an earlier write arriving after the event of a later one.
  const same = upsertCategory(
    list,
    category("2300", 100, 10, { version: 2 }),
    gone,
  );
  assert.equal(same, list);
});

Deno.test("applyBudgetUpdate - an expense reported twice is listed once", () => {
  const gone = tombstones();
  const cat = category("2300", 10_000, 7_000, { expenseCount: 1 });
  const old = expense(cat.id, 7_000, "2027-03-01");
  let data = budget([cat], [old]);
  const booked = expense(cat.id, 1_500, "2027-02-05");
  const after = { ...cat, spentCents: 8_500, expenseCount: 2, version: 2 };
  // The POST response first, then the event (or the other way round).
  data = addExpense(
    { ...data, categories: upsertCategory(data.categories, after, gone) },
    booked,
    gone,
  );
  data = applyBudgetUpdate(data, {
    action: "expense_created",
    category: after,
    expense: booked,
    alert: { level: 80, categoryId: cat.id, name: cat.name, percent: 85 },
  }, gone);
  assert.equal(expenseTotal(data), 2);
  // Newest booked first, though its date is older.
  assert.deepEqual(data.list.expenses.map((e) => e.id), [booked.id, old.id]);
  assert.equal(data.categories[0].level, 80);
  assert.deepEqual(alertsOf(data.categories).map((c) => c.id), [cat.id]);
});

Deno.test("applyBudgetUpdate - deletions stay deleted whatever arrives late", () => {
  const gone = tombstones();
  const cat = category("2300", 10_000, 9_000, { expenseCount: 1 });
  const e1 = expense(cat.id, 1_000, "2027-03-01");
  let data = budget([cat], [e1]);
  // Our DELETE answered 204 before its event: figures move at once.
  data = applyOwnExpenseDelete(data, e1, gone);
  assert.equal(data.categories[0].spentCents, 8_000);
  assert.equal(expenseTotal(data), 0);
  // The late event brings the server's version; the count does not move.
  data = applyBudgetUpdate(data, {
    action: "expense_deleted",
    category: { ...cat, spentCents: 8_000, expenseCount: 0, version: 2 },
    expense: e1,
  }, gone);
  assert.equal(expenseTotal(data), 0);
  assert.equal(data.categories[0].version, 2);
  // A stale "created" event for it cannot resurrect it.
  data = applyBudgetUpdate(data, {
    action: "expense_created",
    category: { ...cat, version: 1 },
    expense: e1,
  }, gone);
  assert.equal(data.list.expenses.length, 0);
  assert.equal(data.categories[0].spentCents, 8_000);
  // Nor can an event about a deleted category bring it back.
  data = applyBudgetUpdate(data, {
    action: "category_deleted",
    category: { ...cat, version: 3 },
  }, gone);
  data = applyBudgetUpdate(data, {
    action: "category_updated",
    category: { ...cat, version: 4 },
  }, gone);
  assert.equal(data.categories.length, 0);
});

Deno.test("expenseTotal - counted by the categories, loaded or not, per filter", () => {
  const gone = tombstones();
  const a = category("1100", 1, 0, { expenseCount: 40 });
  const b = category("2300", 1, 0, { expenseCount: 30 });
  let data = budget([a, b], []);
  assert.equal(expenseTotal(data), 70);
  // An expense never loaded is deleted elsewhere: its event's category
  // carries the new count.
  data = applyBudgetUpdate(data, {
    action: "expense_deleted",
    category: { ...b, expenseCount: 29, version: 2 },
    expense: expense(b.id, 1, "2027-03-01"),
  }, gone);
  assert.equal(expenseTotal(data), 69);
  data = {
    ...data,
    list: { ...data.list, view: { ...data.list.view, categoryId: a.id } },
  };
  assert.equal(expenseTotal(data), 40);
});

Deno.test("bySection - top-sheet order with subtotals, empty sections left out", () => {
  const groups = bySection([
    viewOf(category("4100", 300, 30, { section: "post" })),
    viewOf(category("1100", 100, 50, { section: "above_the_line" })),
    viewOf(category("1200", 100, 50, { section: "above_the_line" })),
  ]);
  assert.deepEqual(groups.map((g) => g.label), [
    "Above the line",
    "Post-production",
  ]);
  assert.equal(groups[0].sum.spentCents, 100);
  assert.equal(groups[0].sum.percent, 50);
});

import assert from "node:assert/strict";
import { toApiError } from "@/lib/http/errors.ts";
import { seedProduction } from "@/lib/production/testing.ts";
import {
  latestEventId,
  readEventsAfter,
  type StoredEvent,
} from "@/lib/store/event_log.ts";
import {
  UniqueViolationError,
  VersionConflictError,
} from "@/lib/store/errors.ts";
import { withKv } from "@/lib/store/testing.ts";
import { categories, expenses, listBudget } from "./budget_store.ts";
import {
  createCategory,
  createExpense,
  deleteCategory,
  deleteExpense,
  updateCategory,
} from "./testing.ts";
import {
  createCategory as createCategoryAt,
  createExpense as createExpenseAt,
  exportBudgetCsv,
  getBudget,
  listExpenses,
} from "./service.ts";
import { ForbiddenError } from "@/lib/errors.ts";
import { serviceContext } from "@/lib/service.ts";
import { listExpensePage } from "./expense_list.ts";
import { percent, sumCents } from "./money.ts";
import {
  type BudgetUpdateData,
  BudgetUpdateDataSchema,
  type NewExpense,
} from "./schemas.ts";
import { seedBudget } from "./seed.ts";

const producer = { id: "p1", name: "Paula Reyes", role: "producer" as const };
const manager = {
  id: "m1",
  name: "Marcus Obi",
  role: "production_manager" as const,
};
const director = { id: "d1", name: "Dana K", role: "director" as const };

const camera = {
  name: "Camera",
  code: "2300",
  section: "below_the_line" as const,
  allocatedCents: 10_000,
};

const expense = (categoryId: string, amountCents: number): NewExpense => ({
  categoryId,
  amountCents,
  description: "Lens rental",
  vendor: "ARRI Rental",
  date: "2027-03-01",
});

/** Every logged event after `after`, each checked against the schema. */
async function eventsAfter(
  kv: Deno.Kv,
  after = "0000000000000000",
): Promise<(StoredEvent & { data: BudgetUpdateData })[]> {
  const page = await readEventsAfter(kv, after, 10_000);
  assert.ok(!page.resync);
  if (page.resync) return [];
  return page.events.map((e) => {
    assert.equal(e.type, "budget_update");
    return { ...e, data: BudgetUpdateDataSchema.parse(e.data) };
  });
}

const forbidden = (e: unknown) => toApiError(e).status === 403;
const notFound = (e: unknown) => toApiError(e).status === 404;

Deno.test("createCategory - stores spent 0 and logs one budget_update for the production office", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    assert.equal(category.spentCents, 0);
    assert.equal(category.version, 1);
    const events = await eventsAfter(kv);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].audience, {
      roles: ["producer", "production_manager"],
      users: [],
    });
    assert.deepEqual(events[0].data, {
      action: "category_created",
      category,
    });
  }));

Deno.test("createCategory - a code taken in any case is refused, nothing logged", () =>
  withKv(async (kv) => {
    await createCategory(kv, producer, { ...camera, code: "A-100" });
    const head = await latestEventId(kv);
    await assert.rejects(
      createCategory(kv, manager, { ...camera, code: "a-100" }),
      UniqueViolationError,
    );
    assert.equal(await latestEventId(kv), head);
    assert.equal((await categories.list(kv)).length, 1);
  }));

Deno.test("budget writes - only producer and production manager; nothing logged otherwise", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    const { expense: booked } = await createExpense(
      kv,
      manager,
      expense(category.id, 100),
    );
    const head = await latestEventId(kv);
    for (const role of ["director", "crew", "vfx", "distribution_manager"]) {
      const actor = { id: "x", name: "X", role } as typeof director;
      await assert.rejects(createCategory(kv, actor, camera), forbidden);
      await assert.rejects(
        updateCategory(kv, actor, category.id, { name: "X" }),
        forbidden,
      );
      await assert.rejects(deleteCategory(kv, actor, category.id), forbidden);
      await assert.rejects(
        createExpense(kv, actor, expense(category.id, 1)),
        forbidden,
      );
      await assert.rejects(deleteExpense(kv, actor, booked.id), forbidden);
    }
    assert.equal(await latestEventId(kv), head);
    assert.equal((await categories.require(kv, category.id)).spentCents, 100);
  }));

Deno.test("updateCategory - version +1, event; stale ifVersion conflicts and logs nothing", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    const renamed = await updateCategory(
      kv,
      manager,
      category.id,
      { name: "Camera Dept", allocatedCents: 20_000 },
      1,
    );
    assert.equal(renamed.version, 2);
    assert.equal(renamed.allocatedCents, 20_000);
    const head = await latestEventId(kv);
    await assert.rejects(
      updateCategory(kv, producer, category.id, { name: "Stale" }, 1),
      (e: unknown) =>
        e instanceof VersionConflictError &&
        (e.current as { name: string }).name === "Camera Dept",
    );
    assert.equal(await latestEventId(kv), head);
    const [, updated] = await eventsAfter(kv);
    assert.equal(updated.data.action, "category_updated");
    assert.deepEqual(updated.data.category, renamed);
    assert.equal(updated.data.alert, undefined);
  }));

Deno.test("updateCategory - unknown id is 404; a clashing code is a conflict", () =>
  withKv(async (kv) => {
    await createCategory(kv, producer, camera);
    const other = await createCategory(kv, producer, {
      ...camera,
      code: "2500",
    });
    await assert.rejects(
      updateCategory(kv, producer, "nope", { name: "X" }),
      notFound,
    );
    await assert.rejects(
      updateCategory(kv, producer, other.id, { code: "2300" }),
      UniqueViolationError,
    );
    // The old code is free again after a re-code.
    await updateCategory(kv, producer, other.id, { code: "2550" });
    await createCategory(kv, producer, { ...camera, code: "2500" });
  }));

Deno.test("updateCategory - cutting the allocation below the spend raises the alert", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    await createExpense(kv, producer, expense(category.id, 5_000));
    await updateCategory(kv, producer, category.id, { allocatedCents: 6_000 });
    await updateCategory(kv, producer, category.id, { allocatedCents: 5_500 });
    await updateCategory(kv, producer, category.id, { allocatedCents: 5_000 });
    const alerts = (await eventsAfter(kv)).map((e) => e.data.alert?.level);
    assert.deepEqual(alerts, [undefined, undefined, 80, undefined, 100]);
  }));

Deno.test("createExpense - one commit: expense, spent += amount, version +1, one event", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    const result = await createExpense(
      kv,
      manager,
      expense(category.id, 1_234),
    );
    assert.equal(result.category.spentCents, 1_234);
    assert.equal(result.category.version, 2);
    assert.equal(result.expense.createdBy, manager.id);
    assert.equal(result.expense.createdByName, manager.name);
    assert.equal(result.expense.vendor, "ARRI Rental");
    assert.equal(result.alert, undefined);
    const stored = await categories.require(kv, category.id);
    assert.deepEqual(stored, result.category);
    const [, created] = await eventsAfter(kv);
    assert.deepEqual(created.data, {
      action: "expense_created",
      category: result.category,
      expense: result.expense,
    });
    assert.deepEqual(created.audience.roles, [
      "producer",
      "production_manager",
    ]);
  }));

Deno.test("createExpense - unknown category is 404 and writes nothing", () =>
  withKv(async (kv) => {
    await assert.rejects(
      createExpense(kv, producer, expense("missing", 100)),
      notFound,
    );
    assert.equal((await expenses.list(kv)).length, 0);
    assert.equal(await latestEventId(kv), "0000000000000000");
  }));

Deno.test("createExpense - 50 concurrent bookings: exact spend, 50 expenses, 50 events", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, {
      ...camera,
      allocatedCents: 1_000_000,
    });
    const amounts = Array.from({ length: 50 }, (_, i) => 1_001 + i * 37);
    await Promise.all(
      amounts.map((amount, i) =>
        createExpense(
          kv,
          i % 2 ? producer : manager,
          expense(category.id, amount),
        )
      ),
    );
    const stored = await categories.require(kv, category.id);
    assert.equal(stored.spentCents, sumCents(amounts));
    assert.equal(stored.version, 51);
    assert.equal((await expenses.list(kv)).length, 50);
    const events = (await eventsAfter(kv)).filter((e) =>
      e.data.action === "expense_created"
    );
    assert.equal(events.length, 50);
    // Each event saw the spend as of its own commit: all distinct, rising.
    const spends = events.map((e) => e.data.category.spentCents);
    assert.deepEqual(spends, [...spends].sort((a, b) => a - b));
    assert.equal(new Set(spends).size, 50);
    assert.equal(spends.at(-1), sumCents(amounts));
  }));

Deno.test("createExpense - 80 % and 100 % alerts once each, when crossed from below", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    const levels: (number | undefined)[] = [];
    for (const amount of [5_000, 2_999, 1, 500, 1_499, 1, 2_000]) {
      const r = await createExpense(kv, producer, expense(category.id, amount));
      levels.push(r.alert?.level);
    }
    // 50 %, 79.99 %, 80 % (cross), 85 %, 99.99 %, 100 % (cross), 120 %.
    assert.deepEqual(levels, [
      undefined,
      undefined,
      80,
      undefined,
      undefined,
      100,
      undefined,
    ]);
    const alerts = (await eventsAfter(kv)).flatMap((e) =>
      e.data.alert ? [e.data.alert] : []
    );
    assert.deepEqual(alerts, [
      { level: 80, categoryId: category.id, name: "Camera", percent: 80 },
      { level: 100, categoryId: category.id, name: "Camera", percent: 100 },
    ]);
  }));

Deno.test("createExpense - one expense across both thresholds alerts 100 once", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    await createExpense(kv, producer, expense(category.id, 7_000));
    const r = await createExpense(kv, producer, expense(category.id, 5_000));
    assert.deepEqual(r.alert, {
      level: 100,
      categoryId: category.id,
      name: "Camera",
      percent: 120,
    });
    // Falling back under and crossing again alerts again: it is news.
    const { expense: big } = r;
    await deleteExpense(kv, producer, big.id);
    const again = await createExpense(
      kv,
      producer,
      expense(category.id, 1_000),
    );
    assert.equal(again.alert?.level, 80);
  }));

Deno.test("createExpense - spend on a category with nothing allocated is over budget", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, {
      ...camera,
      allocatedCents: 0,
    });
    const r = await createExpense(kv, producer, expense(category.id, 1));
    assert.deepEqual(r.alert, {
      level: 100,
      categoryId: category.id,
      name: "Camera",
      percent: null,
    });
  }));

Deno.test("deleteExpense - subtracts in one commit with one event; stale or missing refused", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    const { expense: a } = await createExpense(
      kv,
      producer,
      expense(category.id, 700),
    );
    await createExpense(kv, producer, expense(category.id, 300));
    const head = await latestEventId(kv);
    await assert.rejects(
      deleteExpense(kv, producer, a.id, 2),
      VersionConflictError,
    );
    assert.equal(await latestEventId(kv), head);
    const r = await deleteExpense(kv, manager, a.id, 1);
    assert.equal(r.category.spentCents, 300);
    assert.equal(r.category.version, 4);
    assert.equal(await expenses.get(kv, a.id), null);
    const events = await eventsAfter(kv, head);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].data, {
      action: "expense_deleted",
      category: r.category,
      expense: a,
    });
    await assert.rejects(deleteExpense(kv, producer, a.id), notFound);
    assert.deepEqual(
      (await listExpensePage(kv, { categoryId: category.id })).expenses.map((
        e,
      ) => e.amountCents),
      [300],
    );
  }));

Deno.test("deleteCategory - refused with 409 while it has expenses, then allowed", () =>
  withKv(async (kv) => {
    const category = await createCategory(kv, producer, camera);
    const { expense: booked } = await createExpense(
      kv,
      producer,
      expense(category.id, 100),
    );
    const head = await latestEventId(kv);
    await assert.rejects(
      deleteCategory(kv, producer, category.id),
      (e: unknown) => {
        const error = toApiError(e);
        return error.status === 409 &&
          error.code === "category_has_expenses" &&
          /Camera/.test(error.message);
      },
    );
    assert.equal(await latestEventId(kv), head);
    await deleteExpense(kv, producer, booked.id);
    await assert.rejects(
      deleteCategory(kv, producer, category.id, 2),
      VersionConflictError,
    );
    const removed = await deleteCategory(kv, producer, category.id, 3);
    assert.equal(removed.id, category.id);
    assert.equal(await categories.get(kv, category.id), null);
    const events = await eventsAfter(kv);
    assert.deepEqual(events.at(-1)!.data, {
      action: "category_deleted",
      category: removed,
    });
    await assert.rejects(deleteCategory(kv, producer, category.id), notFound);
    // The code is free for a new category.
    await createCategory(kv, producer, camera);
  }));

Deno.test("deleteCategory racing createExpense never leaves an orphan expense", () =>
  withKv(async (kv) => {
    for (let round = 0; round < 10; round++) {
      const category = await createCategory(kv, producer, {
        ...camera,
        code: `R${round}`,
      });
      const results = await Promise.allSettled([
        createExpense(kv, producer, expense(category.id, 10)),
        deleteCategory(kv, producer, category.id),
      ]);
      const [booked, deleted] = results;
      // Exactly one wins: an expense on a live category, or no category.
      assert.notEqual(booked.status, deleted.status);
      const stored = await categories.get(kv, category.id);
      const list = await expenses.findBy(kv, "category", category.id);
      if (stored === null) assert.equal(list.length, 0);
      else {assert.equal(
          stored.spentCents,
          sumCents(list.map((e) => e.amountCents)),
        );}
    }
  }));

Deno.test("listBudget - currency of the production, categories by code, exact totals", () =>
  withKv(async (kv) => {
    const empty = await listBudget(kv);
    assert.equal(empty.currency, "EUR");
    assert.deepEqual(empty.categories, []);
    assert.equal(empty.totals.percent, null);
    await seedProduction(kv, {
      title: "T",
      company: "C",
      currency: "JPY",
      timeZone: "UTC",
    });
    const post = await createCategory(kv, producer, {
      ...camera,
      name: "Editorial",
      code: "10100",
      section: "post",
      allocatedCents: 3,
    });
    const cam = await createCategory(kv, producer, camera);
    await createExpense(kv, producer, expense(post.id, 1));
    await createExpense(kv, producer, expense(cam.id, 8_500));
    const budget = await listBudget(kv);
    assert.equal(budget.currency, "JPY");
    assert.deepEqual(budget.categories.map((c) => c.code), ["2300", "10100"]);
    const [c0, c1] = budget.categories;
    assert.equal(c0.remainingCents, 1_500);
    assert.equal(c0.percent, 85);
    assert.equal(c0.level, 80);
    assert.equal(c1.percent, 33.3);
    assert.deepEqual(budget.totals, {
      allocatedCents: 10_003,
      spentCents: 8_501,
      remainingCents: 1_502,
      percent: percent(8_501, 10_003),
      level: 80,
    });
  }));

Deno.test("listExpensePage - by date newest first, filter by category; unknown category 404", () =>
  withKv(async (kv) => {
    const a = await createCategory(kv, producer, camera);
    const b = await createCategory(kv, producer, { ...camera, code: "2500" });
    for (
      const [cat, date] of [[a, "2027-03-02"], [b, "2027-04-01"], [
        a,
        "2027-02-10",
      ], [a, "2027-03-02"]] as const
    ) {
      await createExpense(kv, producer, { ...expense(cat.id, 10), date });
    }
    const all = (await listExpensePage(kv, { sort: "date" })).expenses;
    assert.deepEqual(all.map((e) => e.date), [
      "2027-04-01",
      "2027-03-02",
      "2027-03-02",
      "2027-02-10",
    ]);
    // Same day: the later booking first.
    assert.ok(all[1].createdAt >= all[2].createdAt);
    const onlyA = (await listExpensePage(kv, { categoryId: a.id })).expenses;
    assert.equal(onlyA.length, 3);
    assert.ok(onlyA.every((e) => e.categoryId === a.id));
    await assert.rejects(
      listExpensePage(kv, { categoryId: "nope" }),
      notFound,
    );
  }));

Deno.test("seedBudget - a believable top sheet whose spend equals its expenses", () =>
  withKv(async (kv) => {
    const by = { id: "u1", name: "Marcus Obi" };
    assert.equal(await seedBudget(kv, { createdBy: by }), true);
    const cats = await categories.list(kv);
    const all = await expenses.list(kv);
    assert.ok(cats.length >= 10 && cats.length <= 15, `${cats.length}`);
    assert.ok(all.length >= 50 && all.length <= 70, `${all.length}`);
    assert.deepEqual(
      new Set(cats.map((c) => c.section)),
      new Set(["above_the_line", "below_the_line", "post", "other"]),
    );
    const hot: string[] = [];
    for (const c of cats) {
      const own = all.filter((e) => e.categoryId === c.id);
      assert.ok(own.length > 0, c.name);
      assert.equal(c.spentCents, sumCents(own.map((e) => e.amountCents)));
      const pct = percent(c.spentCents, c.allocatedCents)!;
      assert.ok(pct < 100, `${c.name} over budget`);
      if (pct >= 80) hot.push(c.name);
      if (pct >= 85 && pct <= 95) assert.equal(c.name, "Camera");
    }
    assert.deepEqual(hot, ["Camera"]);
    for (const e of all) {
      assert.ok(e.date >= "2027-02-01" && e.date <= "2027-04-30", e.date);
      assert.equal(e.createdBy, "u1");
    }
    // No events for seed data, and a second run adds nothing.
    assert.equal(await latestEventId(kv), "0000000000000000");
    assert.equal(await seedBudget(kv, { createdBy: by }), false);
    assert.equal((await expenses.list(kv)).length, all.length);
  }));

Deno.test("seedBudget - leaves an existing budget alone", () =>
  withKv(async (kv) => {
    await createCategory(kv, producer, camera);
    assert.equal(
      await seedBudget(kv, { createdBy: { id: "u", name: "U" } }),
      false,
    );
    assert.equal((await categories.list(kv)).length, 1);
  }));

Deno.test("budget service - writes stamped with the context's clock; reads and writes only for the production office", () =>
  withKv(async (kv) => {
    const at = new Date("2027-02-01T14:05:00.000Z");
    const office = serviceContext(kv, producer, () => at);
    const category = await createCategoryAt(office, camera);
    assert.equal(category.createdAt, at.toISOString());
    const { expense: booked, category: after } = await createExpenseAt(
      office,
      expense(category.id, 2_500),
    );
    assert.equal(booked.createdAt, at.toISOString());
    assert.equal(after.updatedAt, at.toISOString());
    assert.equal((await getBudget(office)).totals.spentCents, 2_500);
    const outside = serviceContext(kv, director);
    await assert.rejects(getBudget(outside), ForbiddenError);
    await assert.rejects(listExpenses(outside), ForbiddenError);
    await assert.rejects(exportBudgetCsv(outside), ForbiddenError);
    await assert.rejects(
      createCategoryAt(outside, { ...camera, code: "2400" }),
      ForbiddenError,
    );
  }));

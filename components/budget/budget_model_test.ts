import assert from "node:assert/strict";
import type { Category, CategoryView, Expense } from "@/lib/budget/shared.ts";
import { ApiFailure } from "@/components/api.ts";
import { fakeWorld, type SentCall } from "@/components/fake_world.ts";
import { BudgetModel } from "./budget_model.ts";
import { FLASH_MS } from "./expense_form.ts";
import { type BudgetData, viewOf } from "./model.ts";

function category(code: string, extra: Partial<Category> = {}): Category {
  return {
    id: `c${code}`,
    version: 1,
    createdAt: "2027-01-01T00:00:00.000Z",
    updatedAt: "2027-01-01T00:00:00.000Z",
    name: `Cat ${code}`,
    code,
    section: "below_the_line",
    allocatedCents: 10_000,
    spentCents: 0,
    expenseCount: 0,
    ...extra,
  };
}

function expense(id: string, extra: Partial<Expense> = {}): Expense {
  return {
    id,
    version: 1,
    createdAt: `2027-01-02T00:00:00.000Z`,
    updatedAt: `2027-01-02T00:00:00.000Z`,
    categoryId: "c2300",
    amountCents: 1_000,
    description: `Expense ${id}`,
    vendor: "",
    date: "2027-01-02",
    createdBy: "u1",
    createdByName: "Sam",
    ...extra,
  };
}

function data(categories: Category[], expenses: Expense[] = []): BudgetData {
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

/** A model over a fake world; `urls` records the address bar. */
function setup(
  initial: BudgetData,
  answer: (call: SentCall) => unknown = () => null,
) {
  const world = fakeWorld(answer);
  const urls: string[] = [];
  const model = new BudgetModel(
    { ...world, replaceUrl: (href) => urls.push(href) },
    { initial, today: "2027-01-05", posted: null },
  );
  return { world, model, urls };
}

Deno.test("budget model - an event updates the figures, flashes the row, and dispose unsubscribes", () => {
  const { world, model } = setup(data([category("2300")]));
  assert.equal(model.totals.value.spentCents, 0);
  const spent = category("2300", { version: 2, spentCents: 8_500 });
  world.emit("budget_update", { action: "category_updated", category: spent });
  assert.equal(model.totals.value.spentCents, 8_500);
  assert.deepEqual(model.alerts.value.map((c) => c.id), ["c2300"]);
  assert.ok(model.flashing.value.has("c2300"));
  world.clock.tick(FLASH_MS);
  assert.equal(model.flashing.value.size, 0);

  // A flash still pending at dispose is cleared with it.
  world.emit("budget_update", { action: "category_updated", category: spent });
  model[Symbol.dispose]();
  assert.equal(world.listeners(), 0);
  assert.equal(world.clock.pending, 0);
});

Deno.test("budget model - a live expense lands in the list and counts in the total", () => {
  const { world, model } = setup(data([category("2300")]));
  const booked = expense("e1");
  world.emit("budget_update", {
    action: "expense_created",
    category: category("2300", {
      version: 2,
      spentCents: 1_000,
      expenseCount: 1,
    }),
    expense: booked,
  });
  assert.deepEqual(model.data.value.list.expenses.map((e) => e.id), ["e1"]);
  assert.equal(model.expenseTotal.value, 1);
  assert.ok(model.flashing.value.has("e1"));
});

Deno.test("budget model - recording checks the form first, then posts and pins the expense", async () => {
  const recorded = expense("e9", { amountCents: 8_000 });
  const { world, model } = setup(data([category("2300")]), () => ({
    expense: recorded,
    category: category("2300", {
      version: 2,
      spentCents: 8_000,
      expenseCount: 1,
    }),
    alert: { level: 80, categoryId: "c2300", name: "Cat 2300", percent: 80 },
  }));
  assert.equal(await model.form.record(), null);
  assert.equal(world.sent.length, 0, "nothing sent with errors");
  assert.deepEqual(Object.keys(model.form.errors.value), [
    "categoryId",
    "description",
    "amount",
  ]);
  assert.equal(model.form.message.value, "Check the highlighted fields.");

  model.form.setField("categoryId", "c2300");
  assert.equal(model.form.errors.value.categoryId, undefined);
  model.form.setField("amount", "80");
  model.form.setField("description", " Lens rental ");
  assert.equal(await model.form.record(), recorded);
  assert.deepEqual(world.sent[0], {
    method: "POST",
    url: "/api/budget/expenses",
    body: {
      categoryId: "c2300",
      amountCents: 8_000,
      description: "Lens rental",
      vendor: "",
      date: "2027-01-05",
    },
    options: undefined,
  });
  assert.equal(
    model.form.notice.value,
    "Recorded €80.00 in Cat 2300. Cat 2300 has reached 80% of its budget.",
  );
  assert.equal(model.announcement.value, model.form.notice.value);
  assert.deepEqual(model.form.values.value, {
    categoryId: "c2300",
    amount: "",
    date: "2027-01-05",
    description: "",
    vendor: "",
  });
  assert.ok(model.list.recorded.value.has("e9"));
  assert.equal(model.categories.value[0].spentCents, 8_000);
  assert.equal(model.form.busy.value, false);
});

Deno.test("budget model - the server's refusal shows per field", async () => {
  const { model } = setup(data([category("2300")]), () => {
    throw new ApiFailure(400, {
      code: "validation",
      message: "Invalid",
      details: [{ path: ["amountCents"], message: "Too much" }],
    });
  });
  model.form.setField("categoryId", "c2300");
  model.form.setField("amount", "1");
  model.form.setField("description", "x");
  assert.equal(await model.form.record(), null);
  assert.deepEqual(model.form.errors.value, { amount: "Too much" });
  assert.equal(model.form.message.value, "Check the highlighted fields.");
});

Deno.test("budget model - deleting an expense asks, sends its version and takes it off", async () => {
  const booked = expense("e1");
  const { world, model } = setup(
    data([category("2300", { spentCents: 1_000, expenseCount: 1 })], [booked]),
  );
  world.confirms = false;
  await model.deleteExpense(booked);
  assert.deepEqual(world.asked, [
    'Delete the expense "Expense e1" (€10.00)?',
  ]);
  assert.equal(world.sent.length, 0);
  world.confirms = true;
  await model.deleteExpense(booked);
  assert.deepEqual(world.sent[0], {
    method: "DELETE",
    url: "/api/budget/expenses/e1",
    body: undefined,
    options: 1,
  });
  assert.equal(model.data.value.list.expenses.length, 0);
  assert.equal(model.categories.value[0].spentCents, 0);
  assert.equal(
    model.announcement.value,
    'Deleted the expense "Expense e1" (€10.00).',
  );
  assert.equal(model.deleting.value.size, 0);
});

Deno.test("budget model - a resync reloads categories and the list; a failure says so", async () => {
  let fail = false;
  const { world, model } = setup(data([category("2300")]), ({ url }) => {
    if (fail) throw new ApiFailure(0);
    return url === "/api/budget"
      ? { currency: "EUR", categories: [viewOf(category("1100"))] }
      : { expenses: [expense("e5")], nextCursor: null };
  });
  world.resync();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(world.sent.map((c) => c.url), [
    "/api/budget",
    "/api/budget/expenses?sort=recorded&order=desc&limit=50",
  ]);
  assert.deepEqual(model.categories.value.map((c) => c.id), ["c1100"]);
  assert.deepEqual(model.data.value.list.expenses.map((e) => e.id), ["e5"]);
  fail = true;
  world.resync();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(
    model.notice.value,
    "The budget could not be reloaded. Refresh the page.",
  );
});

Deno.test("budget model - another view loads its first page and keeps the address in step", async () => {
  const { world, model, urls } = setup(data([category("2300")]), () => ({
    expenses: [expense("e2")],
    nextCursor: "next",
  }));
  await model.list.show({ sort: "amount", order: "asc", categoryId: null });
  assert.equal(
    world.sent[0].url,
    "/api/budget/expenses?sort=amount&order=asc&limit=50",
  );
  assert.deepEqual(urls, ["/budget?sort=amount&order=asc"]);
  assert.equal(model.data.value.list.nextCursor, "next");
  assert.equal(model.list.loading.value, null);
});

Deno.test("budget model - the category dialog sends only what changed", async () => {
  const camera = category("2300", { name: "Camera" });
  const saved = viewOf({ ...camera, version: 2, allocatedCents: 20_000 });
  const { world, model } = setup(data([camera]), () => saved);
  const { dialog } = model.editor;
  const values = {
    name: "Camera",
    code: "2300",
    section: "below_the_line" as const,
    allocation: "100.00",
  };
  dialog.open(model.categories.value[0]);
  await model.editor.save(values);
  assert.equal(world.sent.length, 0, "nothing changed: nothing sent");
  assert.equal(dialog.state.value, null);

  dialog.open(model.categories.value[0]);
  await model.editor.save({ ...values, allocation: "200" });
  assert.deepEqual(world.sent[0], {
    method: "PATCH",
    url: "/api/budget/categories/c2300",
    body: { allocatedCents: 20_000 },
    options: undefined,
  });
  assert.equal(dialog.state.value, null);
  assert.equal(model.categories.value[0].allocatedCents, 20_000);
  assert.equal(model.announcement.value, "Saved Camera.");
});

Deno.test("budget model - a taken code and a failed delete show in the dialog", async () => {
  const camera = category("2300", { name: "Camera", spentCents: 500 });
  const { world, model } = setup(data([camera]), ({ method }) => {
    throw method === "DELETE"
      ? new ApiFailure(409, { code: "conflict", message: "It has expenses." })
      : new ApiFailure(409, {
        code: "conflict",
        message: "Taken",
        details: { field: "code" },
      });
  });
  const { dialog } = model.editor;
  dialog.open(null);
  await model.editor.save({
    name: "Grip",
    code: "2300",
    section: "below_the_line",
    allocation: "5",
  });
  assert.deepEqual(dialog.state.value?.errors, {
    code: "Another category already uses the code 2300",
  });
  assert.equal(dialog.state.value?.busy, false);

  dialog.open(model.categories.value[0]);
  await model.editor.save({
    name: "",
    code: "2300",
    section: "below_the_line",
    allocation: "5",
  });
  const errors = dialog.state.value?.errors;
  await model.editor.remove();
  assert.deepEqual(world.asked, ['Delete the category "Camera"?']);
  assert.equal(dialog.state.value?.message, "It has expenses.");
  assert.equal(dialog.state.value?.errors, errors, "the same errors, kept");
});

Deno.test("budget model - someone else's edit of the open category is a conflict to load", () => {
  const camera = category("2300", { name: "Camera" });
  const { world, model } = setup(data([camera]));
  const { dialog } = model.editor;
  const open = () => dialog.state.value;
  dialog.open(model.categories.value[0]);
  // A booking only moves the figures: the note follows, no conflict.
  const booked = category("2300", {
    name: "Camera",
    version: 2,
    spentCents: 10,
  });
  world.emit("budget_update", { action: "category_updated", category: booked });
  assert.equal(open()?.record?.spentCents, 10);
  assert.equal(open()?.conflict, null);

  const renamed = category("2300", { name: "Cameras", version: 3 });
  world.emit("budget_update", {
    action: "category_updated",
    category: renamed,
  });
  assert.equal(open()?.conflict?.name, "Cameras");
  model.editor.loadLatest();
  assert.equal(open()?.record?.name, "Cameras");
  assert.equal(open()?.generation, 1);

  world.emit("budget_update", {
    action: "category_deleted",
    category: renamed,
  });
  assert.equal(
    open()?.message,
    "Someone else deleted this category.",
  );
  assert.deepEqual(model.categories.value, [] as CategoryView[]);
});

Deno.test("budget model - committed_changed reads the view again: the VFX commitment follows", async () => {
  const vfx = { categoryId: "c2300", committedCents: 12_000, shots: 3 };
  const { world, model } = setup(
    data([category("2300")]),
    ({ url }) =>
      url === "/api/budget"
        ? { currency: "EUR", categories: [viewOf(category("2300"))], vfx }
        : null,
  );
  assert.equal(model.vfx.value, null);
  world.emit("budget_update", {
    action: "committed_changed",
    category: category("2300"),
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(world.sent.map((c) => c.url), ["/api/budget"]);
  assert.deepEqual(model.vfx.value, vfx);
  assert.ok(model.flashing.value.has("c2300"));
  assert.equal(model.data.value.list.expenses.length, 0, "list untouched");
});

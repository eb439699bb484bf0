/**
 * The budget page as the server renders it: who may open it, the top sheet
 * and figures in the production's currency, the chart, the expense list,
 * the forms without JavaScript, and the dashboard's budget card.
 */
import assert from "node:assert/strict";
import { categories, expenses, listBudget } from "@/lib/budget/budget_store.ts";
import { listExpensePage } from "@/lib/budget/expense_list.ts";
import { formatDateTime } from "@/lib/format.ts";
import { getProduction, timeZoneOf } from "@/lib/production/store.ts";
import { formatMoney, formatPercent } from "@/lib/budget/money.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import {
  getPage,
  pageHtml,
  postForm,
  sidebar,
  withoutScripts,
} from "./helpers/pages.ts";
import { createTestApp, login, withModuleData } from "./helpers/test_app.ts";

const OFFICE = ["producer", "prodmanager"];
const OTHERS = DEMO_USERS.map((u) => u.username).filter((u) =>
  !OFFICE.includes(u)
);

Deno.test("budget page - the production office gets the top sheet in euros", () =>
  withModuleData(async (app) => {
    const budget = await listBudget(app.services.kv);
    const money = (cents: number) => formatMoney(cents, "EUR");
    // The seeded demo budget (lib/budget/seed.ts).
    assert.equal(money(budget.totals.allocatedCents), "€2,967,000.00");
    assert.equal(money(budget.totals.spentCents), "€1,657,210.12");
    for (const username of OFFICE) {
      const { cookie } = await login(app, username);
      const { status, html } = await getPage(app, "/budget", cookie);
      assert.equal(status, 200, username);
      assert.match(html, /<h1>Budget<\/h1>/);
      assert.match(html, /Northern Lights · EUR/);
      assert.match(
        html,
        /<dd data-total="allocated">€2,967,000.00<\/dd>/,
        username,
      );
      assert.match(html, /<dd data-total="spent">€1,657,210.12<\/dd>/);
      assert.match(html, /<dd data-total="remaining"[^>]*>€1,309,789.88/);
      assert.match(html, /data-total="percent">55.8%/);
      assert.match(
        sidebar(html),
        /href="\/p\/northern-lights\/budget" aria-current="page"/,
      );
      assert.match(
        html,
        /href="\/api\/p\/northern-lights\/budget\/export.csv"/,
      );
    }
  }));

Deno.test("budget page - 403 and no nav entry for every other role", () =>
  withModuleData(async (app) => {
    for (const username of OTHERS) {
      const { cookie } = await login(app, username);
      const page = await getPage(app, "/budget", cookie);
      assert.equal(page.status, 403, username);
      assert.doesNotMatch(page.html, /data-total=/, username);
      const home = await getPage(app, "/p/northern-lights", cookie);
      assert.equal(home.status, 200);
      assert.doesNotMatch(sidebar(home.html), /\/budget"/, username);
      assert.doesNotMatch(home.html, /Budget burn/, username);
      const form = await postForm(app, "/budget", {
        intent: "delete",
        id: "anything",
      }, cookie);
      assert.equal(form.status, 403, username);
    }
  }));

Deno.test("budget page - categories by section, alert states, chart and expenses without JavaScript", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "prodmanager");
    const html = withoutScripts((await getPage(app, "/budget", cookie)).html);
    const budget = await listBudget(app.services.kv);
    // Sections in top-sheet order, each with a subtotal, then the total.
    const labels = [...html.matchAll(/class="section-label">([^<]+)</g)]
      .map((m) => m[1]);
    assert.deepEqual(labels, [
      "Above the line",
      "Below the line",
      "Post-production",
      "Other",
    ]);
    assert.equal(
      [...html.matchAll(/class="subtotal-row"/g)].length,
      4,
    );
    // Every category row with its figures and an accessible spend bar.
    for (const c of budget.categories) {
      const row = html.match(
        new RegExp(`<tr id="cat-${c.id}"[\\s\\S]*?</tr>`),
      )?.[0];
      assert.ok(row, c.name);
      assert.match(row, new RegExp(`data-level="${c.level}"`));
      assert.ok(row.includes(formatMoney(c.allocatedCents, "EUR")), c.name);
      assert.ok(row.includes(formatMoney(c.spentCents, "EUR")), c.name);
      assert.ok(row.includes(formatMoney(c.remainingCents, "EUR")), c.name);
      assert.match(row, /role="progressbar"/);
      assert.match(row, new RegExp(`aria-valuenow="${c.percent}"`));
      assert.ok(row.includes(formatPercent(c.percent)), c.name);
      // Camera runs hot in the demo: amber, with a text badge too.
      if (c.name === "Camera") {
        assert.equal(c.level, 80);
        assert.match(row, /class="category-row is-warning"/);
        assert.match(row, /<span class="level-badge is-warning">80%<\/span>/);
      } else {
        assert.doesNotMatch(row, /level-badge/, c.name);
      }
    }
    // The chart: an SVG drawn on the server, named and described.
    // The page's content: the top bar has icons of its own.
    const main = html.slice(html.indexOf('<main id="main"'));
    const svg = main.match(/<svg[\s\S]*?<\/svg>/)?.[0];
    assert.ok(svg);
    assert.match(
      svg,
      /role="img" aria-labelledby="budget-chart-title budget-chart-desc"/,
    );
    assert.match(
      svg,
      /<title id="budget-chart-title">Allocated vs spent by category<\/title>/,
    );
    assert.match(svg, /<desc id="budget-chart-desc">13 categories\./);
    assert.equal(
      [...svg.matchAll(/class="chart-row[^"]*" data-category-id=/g)].length,
      budget.categories.length,
    );
    // The 50 most recent expenses, newest first, with delete forms.
    assert.match(html, /Showing 50 of 67 · recently recorded/);
    // Newest booked first: the order of the API's first page.
    const ids = [...html.matchAll(/data-expense-id="([^"]+)"/g)]
      .map((m) => m[1]);
    assert.equal(ids.length, 50);
    assert.deepEqual(
      ids,
      (await listExpensePage(app.services.kv)).expenses.map((e) => e.id),
    );
    assert.match(html, /<time datetime="2027-04-20">20 Apr 2027<\/time>/);
    assert.equal(
      [...html.matchAll(/<input type="hidden" name="intent" value="delete"/g)]
        .length,
      50,
    );
    // The add form posts to the page; its category list is grouped.
    assert.match(html, /<form class="expense-form" method="post"/);
    assert.match(html, /<optgroup label="Below the line">/);
    assert.match(html, /<option value="[^"]+">2300 · Camera<\/option>/);
    // The island is server-rendered with its data.
    assert.match(html, /<!--frsh:island:BudgetView:/);
  }));

Deno.test("budget page - ?category= lists all of one category's expenses", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "producer");
    const camera = (await categories.list(app.services.kv))
      .find((c) => c.name === "Camera")!;
    const { html } = await getPage(
      app,
      `/budget?category=${camera.id}`,
      cookie,
    );
    assert.match(html, /Showing 7 of 7 in Camera · recently recorded/);
    assert.match(
      html,
      new RegExp(`<option value="${camera.id}" selected>2300 · Camera`),
    );
    // An unknown id is ignored, not an error.
    const other = await getPage(app, "/budget?category=nope", cookie);
    assert.equal(other.status, 200);
    assert.match(other.html, /Showing 50 of 67 · recently recorded/);
  }));

Deno.test("budget page - the list's sort, order and length come from the address, read leniently", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "producer");
    const rows = (html: string) =>
      [...withoutScripts(html).matchAll(/data-expense-id="([^"]+)"/g)]
        .map((m) => m[1]);
    const amounts = async (query: string) => {
      const { status, html } = await getPage(app, `/budget${query}`, cookie);
      assert.equal(status, 200, query);
      const all = await expenses.list(app.services.kv);
      const byId = new Map(all.map((e) => [e.id, e.amountCents]));
      return { html, list: rows(html).map((id) => byId.get(id)!) };
    };
    // Nonsense falls back to the default order: no 400 for a page.
    const odd = await amounts("?sort=nonsense&order=up&limit=-3");
    assert.equal(odd.list.length, 50);
    assert.match(odd.html, /Showing 50 of 67 · recently recorded/);
    assert.match(odd.html, /<option value="recorded-desc" selected>/);
    // Smallest amount first, from a link or from the page's own form.
    for (const query of ["?sort=amount&order=asc", "?sort=amount-asc"]) {
      const { html, list } = await amounts(query);
      assert.deepEqual(list, [...list].sort((a, b) => a - b), query);
      assert.match(html, /Showing 50 of 67 · amount, smallest/);
      assert.match(html, /<option value="amount-asc" selected>/);
      assert.match(
        html,
        /<th scope="col" class="num" aria-sort="ascending">Amount/,
      );
    }
    // Without JavaScript, "Show more" is a link asking for more rows.
    const first = await getPage(app, "/budget?sort=date", cookie);
    assert.match(
      withoutScripts(first.html),
      /<a class="button" href="\/p\/northern-lights\/budget\?sort=date&amp;order=desc&amp;limit=100">Show more<\/a>/,
    );
    const all = await getPage(app, "/budget?sort=date&limit=100", cookie);
    assert.equal(rows(all.html).length, 67);
    assert.match(all.html, /Showing 67 of 67 · date, newest/);
    assert.doesNotMatch(all.html, />Show more</);
  }));

Deno.test("budget page - the record form comes before the lists; times in the production's zone", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "producer");
    const { html } = await getPage(app, "/budget", cookie);
    const form = html.indexOf('<form class="expense-form"');
    assert.ok(form > 0);
    assert.ok(form < html.indexOf('id="expenses-title"') + 2_000);
    assert.ok(form < html.indexOf('aria-label="Expense table"'));
    assert.ok(form < html.indexOf('id="categories-title"'));
    // Booking times read as the product shows every time.
    const [latest] = (await listExpensePage(app.services.kv)).expenses;
    const zone = timeZoneOf(await getProduction(app.services.kv));
    assert.ok(
      html.includes(
        `<time class="expense-when" datetime="${latest.createdAt}">${
          formatDateTime(latest.createdAt, zone)
        }</time>`,
      ),
    );
  }));

Deno.test("budget page - without JavaScript, the form records and deletes expenses", () =>
  withModuleData(async (app) => {
    const { kv } = app.services;
    const { cookie } = await login(app, "producer");
    const insurance = (await categories.list(kv))
      .find((c) => c.name === "Insurance")!;
    // The record form, the filter and each row's delete post to this page.
    const html = withoutScripts(await pageHtml(app, "/budget", cookie));
    const main = html.slice(html.indexOf("<main"));
    const actions = [...main.matchAll(/<form[^>]* action="([^"]+)"/g)]
      .map((m) => m[1]);
    assert.ok(actions.length > 2, String(actions.length));
    assert.deepEqual(
      [...new Set(actions)],
      ["/p/northern-lights/budget"],
    );

    // A bad amount: 400, the message beside the field, the input kept.
    const bad = await postForm(app, "/budget", {
      intent: "add",
      categoryId: insurance.id,
      amount: "12.345",
      date: "2027-04-30",
      description: "Completion bond — 2nd installment",
      vendor: "",
    }, cookie);
    assert.equal(bad.status, 400);
    const badHtml = await bad.text();
    assert.match(
      badHtml,
      /<span class="field-error" id="expense-amount-error">Use at most 2 decimals<\/span>/,
    );
    assert.match(badHtml, /value="12.345"/);
    assert.match(badHtml, /value="Completion bond — 2nd installment"/);

    // The server's own checks show per field too.
    const empty = await postForm(app, "/budget", {
      intent: "add",
      categoryId: "",
      amount: "10",
      date: "not a date",
      description: "   ",
    }, cookie);
    assert.equal(empty.status, 400);
    const emptyHtml = await empty.text();
    assert.match(emptyHtml, /id="expense-categoryId-error">Choose a category/);
    assert.match(emptyHtml, /id="expense-description-error">Describe the/);
    assert.match(emptyHtml, /id="expense-date-error">Give the date as/);

    // Nothing filled in: every field's message at once, with a summary
    // linking to each, and the first invalid field focused.
    const blank = await postForm(app, "/budget", {
      intent: "add",
      categoryId: "",
      amount: "",
      date: "",
      description: "",
      vendor: "",
    }, cookie);
    assert.equal(blank.status, 400);
    const blankHtml = withoutScripts(await blank.text());
    for (
      const [field, label] of [
        ["categoryId", "Category"],
        ["amount", "Amount"],
        ["date", "Date"],
        ["description", "Description"],
      ]
    ) {
      assert.match(
        blankHtml,
        new RegExp(`<span class="field-error" id="expense-${field}-error">`),
        field,
      );
      assert.match(
        blankHtml,
        new RegExp(`<a href="#expense-${field}">${label}: `),
        field,
      );
    }
    assert.match(
      blankHtml,
      /<select name="categoryId" id="expense-categoryId" aria-invalid="true" aria-describedby="expense-categoryId-error" autofocus/,
    );
    assert.equal([...blankHtml.matchAll(/autofocus/g)].length, 1);

    // A good one: exact cents, redirect, notice, new figures.
    const ok = await postForm(app, "/budget", {
      intent: "add",
      categoryId: insurance.id,
      amount: "4,000.15",
      date: "2027-04-30",
      description: "Completion bond — 2nd installment",
      vendor: "Film Finances Ltd.",
    }, cookie);
    assert.equal(ok.status, 303);
    assert.equal(
      ok.headers.get("location"),
      "/p/northern-lights/budget?recorded",
    );
    const booked = (await expenses.list(kv)).find((e) =>
      e.description === "Completion bond — 2nd installment"
    )!;
    assert.equal(booked.amountCents, 400_015);
    assert.equal(booked.createdByName, "Paula Reyes");
    const after = await getPage(app, "/budget?recorded", cookie);
    assert.match(
      after.html,
      /<p class="notice" role="status">Expense recorded/,
    );
    assert.match(after.html, /<dd data-total="spent">€1,661,210.27<\/dd>/);
    // Insurance went from 75.4 % to 81 %: amber now.
    assert.match(
      after.html,
      new RegExp(
        `<tr id="cat-${insurance.id}" class="category-row is-warning"`,
      ),
    );

    // Delete it again through the row's form.
    const del = await postForm(app, "/budget", {
      intent: "delete",
      id: booked.id,
    }, cookie);
    assert.equal(del.status, 303);
    assert.equal(
      del.headers.get("location"),
      "/p/northern-lights/budget?deleted",
    );
    const back = await getPage(app, "/budget?deleted", cookie);
    assert.match(back.html, /<dd data-total="spent">€1,657,210.12<\/dd>/);
    assert.match(back.html, /Expense deleted\./);

    // Deleting what is gone: the page says so.
    const again = await postForm(app, "/budget", {
      intent: "delete",
      id: booked.id,
    }, cookie);
    assert.equal(again.status, 404);
    assert.match(await again.text(), /No expense with id/);
  }));

Deno.test("budget page - an empty budget says so instead of a chart", async () => {
  const app = await createTestApp();
  try {
    const { cookie } = await login(app, "producer");
    const { status, html } = await getPage(app, "/budget", cookie);
    assert.equal(status, 200);
    assert.match(html, /No budget categories yet/);
    assert.match(html, /No expenses recorded yet/);
    assert.doesNotMatch(html.slice(html.indexOf('<main id="main"')), /<svg/);
    assert.match(html, /<dd data-total="allocated">€0.00<\/dd>/);
  } finally {
    await app.close();
  }
});

Deno.test("dashboard - the production office gets a live budget burn card", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "producer");
    const { html } = await getPage(app, "/p/northern-lights", cookie);
    const card = html.match(
      /<section class="card budget-burn"[\s\S]*?<\/section>/,
    )?.[0];
    assert.ok(card);
    assert.match(card, /<span class="stat-value" data-burn="percent">55.8%/);
    assert.match(card, /€1,657,210.12/);
    assert.match(card, /of €2,967,000.00/);
    assert.match(card, /role="progressbar"/);
    assert.match(
      card,
      /<a href="\/p\/northern-lights\/budget#cat-[^"]+">Camera<\/a>/,
    );
    assert.match(
      card,
      /<a href="\/p\/northern-lights\/budget">Open the budget<\/a>/,
    );
    assert.match(card, /80%/);
    assert.match(html, /<!--frsh:island:BudgetBurn:/);
    // The placeholder card for the budget is gone.
    assert.doesNotMatch(html, /No budget activity yet/);
  }));

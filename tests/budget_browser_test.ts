/**
 * The budget page in two browsers side by side: the producer records an
 * expense that takes Insurance past 80 % and the production manager's row
 * turns amber with a toast, without a reload; the producer deletes it and
 * the manager's totals follow; categories are added and deleted live; the
 * distribution manager cannot open the page.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  watchErrors,
} from "./helpers/browser.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";
import { serveApp } from "./helpers/serve.ts";

const runBrowser = browserTestsEnabled();

/** Live updates must arrive within this long. */
const LIVE = { timeout: 2_000 };

const row = (name: string) =>
  `tr.category-row:has(th.category-name > a:text-is("${name}"))`;
const expenseRow = (description: string) =>
  `tr.expense-row:has(.expense-description:text-is("${description}"))`;
const total = (which: string, text: string) =>
  `[data-total="${which}"]:text-is("${text}")`;

const BOND = "Completion bond — 2nd installment";

Deno.test({
  name: "browser - the budget live in two browsers",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    const origin = server.origin;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const viewport = { width: 1400, height: 900 };
      const producerContext = await browser.newContext({ viewport });
      const managerContext = await browser.newContext({ viewport });
      const producer = await signIn(producerContext, origin, "producer", {
        path: "/budget",
        online: true,
      });
      const manager = await signIn(managerContext, origin, "prodmanager", {
        path: "/budget",
        online: true,
      });
      const errors: string[] = [];
      const expensePosts: string[] = [];
      for (const page of [producer, manager]) {
        watchErrors(page, errors);
      }
      producer.on("request", (req) => {
        if (
          req.method() === "POST" &&
          req.url().endsWith("/api/p/northern-lights/budget/expenses")
        ) {
          expensePosts.push(req.postData() ?? "");
        }
      });
      // Both start from the demo budget.
      for (const page of [producer, manager]) {
        await page.waitForSelector(total("spent", "€1,657,210.12"));
        await page.waitForSelector(`${row("Insurance")}[data-level="0"]`);
        await page.waitForSelector(`${row("Camera")}.is-warning`);
      }
      // The manager's dashboard beside it (its own window, so neither page
      // is a throttled background tab), with the live burn card.
      const dashboard = await signIn(
        await browser.newContext({ viewport }),
        origin,
        "prodmanager",
        { online: true },
      );
      watchErrors(dashboard, errors);
      await dashboard.waitForSelector(
        '.budget-burn [data-burn="percent"]:text-is("55.8%")',
      );

      await t.step("a bad amount is refused in the browser", async () => {
        // The form opens from the primary action atop the expense list.
        await producer.click('summary:text-is("Record an expense")');
        await producer.selectOption("#expense-categoryId", {
          label: "6500 · Insurance",
        });
        await producer.fill("#expense-amount", "12.345");
        await producer.fill("#expense-description", BOND);
        await producer.click('button:text-is("Record expense")');
        await producer.waitForSelector(
          '#expense-amount-error:text-is("Use at most 2 decimals")',
        );
        assert.equal(
          await producer.getAttribute("#expense-amount", "aria-invalid"),
          "true",
        );
        assert.deepEqual(expensePosts, []);
      });

      await t.step(
        "the server's 400 details show beside their fields",
        async () => {
          await producer.fill("#expense-amount", "10");
          // What the browser lets through but the server refuses (a blank
          // description now stops in the browser already): a description
          // and a date the server rejects, sent past the browser's checks.
          await producer.route(
            "**/api/p/northern-lights/budget/expenses",
            (route) => {
              const body = JSON.parse(route.request().postData() ?? "{}");
              return route.continue({
                postData: JSON.stringify({
                  ...body,
                  description: "   ",
                  date: "2027-02-30",
                }),
              });
            },
            { times: 1 },
          );
          await producer.click('button:text-is("Record expense")');
          await producer.waitForSelector(
            '#expense-description-error:text-is("Describe the expense")',
          );
          // Every field the server refused, at once.
          await producer.waitForSelector("#expense-date-error");
          assert.equal(expensePosts.length, 1);
          assert.equal(
            await producer.getAttribute("#expense-description", "aria-invalid"),
            "true",
          );
          // Nothing was booked.
          await producer.waitForSelector(total("spent", "€1,657,210.12"));
        },
      );

      await t.step(
        "the producer crosses 80 %; the manager's row turns amber and a toast appears",
        async () => {
          await producer.fill("#expense-amount", "4,000.50");
          await producer.waitForSelector(
            '#expense-amount-hint:text-is("Records €4,000.50")',
          );
          await producer.fill("#expense-description", BOND);
          await producer.fill("#expense-vendor", "Film Finances Ltd.");
          await producer.fill("#expense-date", "2027-04-30");
          await producer.click('button:text-is("Record expense")');
          await producer.waitForSelector(
            '.notice:has-text("Recorded €4,000.50 in Insurance.")',
          );
          // Exact cents went over the wire.
          assert.equal(JSON.parse(expensePosts.at(-1)!).amountCents, 400_050);
          // The form is ready for the next one (category and date kept).
          assert.equal(await producer.inputValue("#expense-amount"), "");
          assert.equal(
            await producer.inputValue("#expense-date"),
            "2027-04-30",
          );

          // The manager, without reloading.
          await manager.waitForSelector(
            `${
              row("Insurance")
            }.is-warning[data-level="80"] .level-badge:text-is("80%")`,
            LIVE,
          );
          await manager.waitForSelector(
            '.toast:has-text("Insurance reached 80% of its budget")',
            LIVE,
          );
          await manager.waitForSelector(total("spent", "€1,661,210.62"), LIVE);
          await manager.waitForSelector(expenseRow(BOND), LIVE);
          assert.equal(
            await manager.textContent(`${expenseRow(BOND)} td.num`),
            "€4,000.50",
          );
          // The chart moved too: Insurance is drawn amber.
          await manager.waitForSelector(
            "svg .chart-row.is-warning:has(.chart-label:has-text('Insurance'))",
            LIVE,
          );
          // And the manager's dashboard lists the new alert.
          await dashboard.waitForSelector(
            '.budget-burn-alerts a:text-is("Insurance")',
            LIVE,
          );
          await dashboard.waitForSelector(
            '.toast:has-text("Insurance reached 80% of its budget") a[href^="/p/northern-lights/budget#cat-"]',
            LIVE,
          );
        },
      );

      await t.step(
        "the producer deletes it; the manager's totals change back",
        async () => {
          producer.once("dialog", (dialog) => dialog.accept());
          await producer.click(`${expenseRow(BOND)} button:text-is("Delete")`);
          await producer.waitForSelector(expenseRow(BOND), {
            state: "detached",
          });
          await manager.waitForSelector(total("spent", "€1,657,210.12"), LIVE);
          await manager.waitForSelector(
            total("remaining", "€1,309,789.88"),
            LIVE,
          );
          await manager.waitForSelector(
            `${row("Insurance")}[data-level="0"]`,
            LIVE,
          );
          await manager.waitForSelector(expenseRow(BOND), {
            state: "detached",
            ...LIVE,
          });
          await producer.waitForSelector(total("spent", "€1,657,210.12"));
        },
      );

      await t.step(
        "categories: the manager adds one, the producer sees it; one with expenses cannot be deleted",
        async () => {
          await manager.click('button:text-is("New category")');
          await manager.waitForSelector("dialog[open]");
          await manager.fill('dialog input[name="name"]', "Contingency");
          await manager.fill('dialog input[name="code"]', "9000");
          await manager.selectOption('dialog select[name="section"]', "other");
          await manager.fill('dialog input[name="allocation"]', "50,000");
          // A live update re-renders the page under the open dialog; what
          // the manager typed must survive it.
          const editorial = await producer.getAttribute(
            row("Editorial"),
            "data-category-id",
          );
          const status = await producer.evaluate(async (categoryId) => {
            const res = await fetch("/api/p/northern-lights/budget/expenses", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                categoryId,
                amountCents: 12_345,
                description: "Hard drives for dailies",
                date: "2027-04-30",
              }),
            });
            return res.status;
          }, editorial);
          assert.equal(status, 201);
          await manager.waitForSelector(
            total("spent", "€1,657,333.57"),
            LIVE,
          );
          assert.equal(
            await manager.inputValue('dialog input[name="name"]'),
            "Contingency",
          );
          assert.equal(
            await manager.inputValue('dialog input[name="allocation"]'),
            "50,000",
          );
          await manager.click('dialog button:text-is("Add category")');
          await manager.waitForSelector("dialog[open]", { state: "detached" });
          await producer.waitForSelector(
            `${row("Contingency")} td.num:text-is("€50,000.00")`,
            LIVE,
          );
          await producer.waitForSelector(
            total("allocated", "€3,017,000.00"),
            LIVE,
          );

          // A taken code is shown at the code field.
          await producer.click(`${row("Contingency")} button:text-is("Edit")`);
          await producer.fill('dialog input[name="code"]', "2300");
          await producer.click('dialog button:text-is("Save changes")');
          await producer.waitForSelector(
            '#category-code-error:has-text("already uses the code 2300")',
          );
          await producer.click('dialog button:text-is("Cancel")');

          // Camera has expenses: the server's 409 message is shown.
          await producer.click(`${row("Camera")} button:text-is("Edit")`);
          producer.once("dialog", (dialog) => dialog.accept());
          await producer.click('dialog button:text-is("Delete category")');
          await producer.waitForSelector(
            'dialog[open] .form-error:has-text("still has expenses")',
          );
          await producer.click('dialog button:text-is("Cancel")');

          // Contingency has none: it goes, for the manager too.
          await producer.click(`${row("Contingency")} button:text-is("Edit")`);
          producer.once("dialog", (dialog) => dialog.accept());
          await producer.click('dialog button:text-is("Delete category")');
          await producer.waitForSelector(row("Contingency"), {
            state: "detached",
          });
          await manager.waitForSelector(row("Contingency"), {
            state: "detached",
            ...LIVE,
          });
          await manager.waitForSelector(
            total("allocated", "€2,967,000.00"),
            LIVE,
          );
        },
      );

      await t.step("the distribution manager gets 403 on /budget", async () => {
        const context = await browser!.newContext({ viewport });
        const page = await signIn(context, origin, "distribution");
        assert.equal(
          await page.locator('.sidebar a[href$="/budget"]').count(),
          0,
        );
        const res = await page.goto(`${origin}/p/northern-lights/budget`);
        assert.equal(res?.status(), 403);
        assert.equal(await page.locator("[data-total]").count(), 0);
        await context.close();
      });

      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

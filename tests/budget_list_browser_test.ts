/**
 * The budget page's expense list and record form in two browsers: the
 * producer's empty form shows every field's error at once; a just-recorded
 * expense is on top, marked and focused for the recorder and arrives live
 * on top for the production manager; other sorts take live expenses in
 * order within what is loaded; "Show more" pages on, with an error state;
 * the page fits a phone and a laptop and passes axe-core.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  watchErrors,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";

const runBrowser = browserTestsEnabled();

/** Live updates must arrive within this long. */
const LIVE = { timeout: 5_000 };

const firstRow = "tbody > tr.expense-row:first-child";
const rowOf = (description: string) =>
  `tr.expense-row:has(.expense-description:text-is("${description}"))`;

/** The amounts of the listed rows, in cents, top to bottom. */
function amounts(page: Page): Promise<number[]> {
  return page.$$eval(
    "tr.expense-row td.num",
    (cells) =>
      cells.map((c) =>
        Math.round(Number(c.textContent!.replace(/[€,]/g, "")) * 100)
      ),
  );
}

async function record(page: Page, amount: string, description: string) {
  await page.selectOption("#expense-categoryId", { label: "6500 · Insurance" });
  await page.fill("#expense-amount", amount);
  await page.fill("#expense-description", description);
  await page.click('button:text-is("Record expense")');
  await page.waitForSelector(`.notice:has-text("Recorded")`);
}

async function axeViolations(page: Page): Promise<string[]> {
  const axe = (await import("axe-core")).default;
  await page.addScriptTag({ content: axe.source });
  return await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run();
    return result.violations.map((v: { id: string; impact: string }) =>
      `${v.id} (${v.impact})`
    );
  });
}

Deno.test({
  name: "browser - the budget's expense list and record form",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    const origin = server.origin;
    const browser = await launchChromium();
    try {
      const viewport = { width: 1366, height: 850 };
      const producer = await signIn(
        await browser.newContext({ viewport }),
        origin,
        "producer",
        { path: "/budget", online: true },
      );
      const manager = await signIn(
        await browser.newContext({ viewport }),
        origin,
        "prodmanager",
        { path: "/budget", online: true },
      );
      const errors: string[] = [];
      const posts: string[] = [];
      for (const page of [producer, manager]) {
        watchErrors(page, errors);
      }
      producer.on("request", (req) => {
        if (req.method() === "POST") posts.push(req.url());
      });

      await t.step(
        "an empty form shows every field's error at once",
        async () => {
          await producer.click('summary:text-is("Record an expense")');
          await producer.click('button:text-is("Record expense")');
          await producer.waitForSelector(".error-summary");
          for (
            const [field, message] of [
              ["categoryId", "Choose a category"],
              ["amount", "Enter an amount"],
              ["description", "Describe the expense"],
            ]
          ) {
            await producer.waitForSelector(
              `#expense-${field}-error:text-is("${message}")`,
            );
            assert.equal(
              await producer.getAttribute(`#expense-${field}`, "aria-invalid"),
              "true",
            );
            assert.equal(
              await producer.getAttribute(
                `#expense-${field}`,
                "aria-describedby",
              ),
              `expense-${field}-error`,
            );
            await producer.waitForSelector(
              `.error-summary a[href="#expense-${field}"]`,
            );
          }
          // The date has today's default; focus is on the first invalid field.
          assert.equal(
            await producer.evaluate(() => document.activeElement?.id),
            "expense-categoryId",
          );
          assert.deepEqual(posts, []);
          // Following a summary link lands in its field.
          await producer.click('.error-summary a[href="#expense-description"]');
          assert.equal(
            await producer.evaluate(() => document.activeElement?.id),
            "expense-description",
          );
        },
      );

      await t.step(
        "a new expense is on top for the recorder (marked, focused) and arrives live on top for a watcher",
        async () => {
          // Dated today: before every seeded (future) date, yet listed first.
          await record(producer, "18.40", "Coffee for the night unit");
          await producer.waitForSelector(
            `${firstRow}.is-mine:has(.pin-badge:text-is("Just recorded"))`,
          );
          assert.equal(
            await producer.textContent(`${firstRow} .expense-description`),
            "Coffee for the night unit",
          );
          assert.equal(
            await producer.evaluate(() =>
              document.activeElement?.closest("tr")?.querySelector(
                ".expense-description",
              )?.textContent
            ),
            "Coffee for the night unit",
          );
          await manager.waitForSelector(
            `${rowOf("Coffee for the night unit")}.is-flashing`,
            LIVE,
          );
          assert.equal(
            await manager.textContent(`${firstRow} .expense-description`),
            "Coffee for the night unit",
          );
          await manager.waitForSelector(
            '#expense-summary:text-is("Showing 51 of 68 · recently recorded")',
          );
        },
      );

      await t.step(
        "sorted by amount, a live expense is inserted in order within the loaded range",
        async () => {
          await manager.selectOption('select[name="sort"]', "amount-asc");
          await manager.waitForSelector(
            'th[aria-sort="ascending"]:text-is("Amount")',
          );
          await manager.waitForFunction(() =>
            document.querySelectorAll("tr.expense-row").length === 50
          );
          const listed = await amounts(manager);
          assert.deepEqual(listed, [...listed].sort((a, b) => a - b));
          assert.match(manager.url(), /sort=amount&order=asc/);
          // The address stays the production's page.
          assert.equal(
            new URL(manager.url()).pathname,
            "/p/northern-lights/budget",
          );
          // The smallest of all goes first; one larger than everything
          // loaded waits for "Show more".
          await record(producer, "0.05", "Parking token");
          await manager.waitForSelector(rowOf("Parking token"), LIVE);
          assert.equal(
            await manager.textContent(`${firstRow} .expense-description`),
            "Parking token",
          );
          await record(producer, "99,999.00", "Insurance top-up");
          await manager.waitForSelector(
            '#expense-summary:has-text("of 70")',
            LIVE,
          );
          assert.equal(
            await manager.locator(rowOf("Insurance top-up")).count(),
            0,
          );
          // The recorder, sorted otherwise, still gets it on top.
          await producer.selectOption('select[name="sort"]', "date-desc");
          await producer.waitForSelector(
            'th[aria-sort="descending"]:text-is("Date")',
          );
          await record(producer, "12.00", "Taxi to the harbour");
          await producer.waitForSelector(
            `${firstRow}.is-mine:has(.expense-description:text-is("Taxi to the harbour"))`,
          );
        },
      );

      await t.step(
        "Show more loads the next page; a failure can be retried",
        async () => {
          await manager.route(
            "**/api/p/northern-lights/budget/expenses?*cursor=*",
            (route) => route.abort(),
            { times: 1 },
          );
          await manager.click('button:text-is("Show more")');
          await manager.waitForSelector(
            '.list-error:has-text("Could not load more expenses")',
          );
          await manager.click('.list-error button:text-is("Try again")');
          await manager.waitForSelector(rowOf("Insurance top-up"));
          assert.equal(await manager.locator("tr.expense-row").count(), 71);
          const listed = await amounts(manager);
          assert.deepEqual(
            listed,
            [...listed].sort((a, b) => a - b),
          );
          assert.equal(
            await manager.locator('button:text-is("Show more")').count(),
            0,
          );
          await manager.waitForSelector(
            '#expense-summary:text-is("Showing 71 of 71 · amount, smallest")',
          );
        },
      );

      await t.step(
        "the page fits 390 and 1366 px and passes axe-core",
        async () => {
          for (const width of [390, 1366]) {
            const context = await browser.newContext({
              viewport: { width, height: 844 },
            });
            const page = await signIn(context, origin, "producer", {
              path: "/budget",
              online: true,
            });
            await page.click('summary:text-is("Record an expense")');
            await page.click('button:text-is("Record expense")');
            await page.waitForSelector(".error-summary");
            const [scroll, inner] = await page.evaluate(() => [
              document.documentElement.scrollWidth,
              innerWidth,
            ]);
            assert.ok(scroll <= inner, `${width}: ${scroll} > ${inner}`);
            assert.deepEqual(await axeViolations(page), [], `${width}`);
            await context.close();
          }
        },
      );

      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

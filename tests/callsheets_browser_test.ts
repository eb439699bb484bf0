/**
 * Issue #14's call sheet, in browsers: the production manager generates
 * and publishes day 2's call sheet from a schedule built through the API;
 * the crew member, on a phone-sized screen, opens it from their inbox and
 * confirms receipt; the production manager's page shows the receipt live.
 * Then the sheet prints: Chromium's PDF of it, and the print media hiding
 * the app's frame and the buttons.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { api, sessions } from "./helpers/api_client.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, DEMO_SLUG, type TestApp } from "./helpers/test_app.ts";

const LIVE = { timeout: 5_000 };
const inFilm = (path: string) => `/api/p/${DEMO_SLUG}${path}`;

Deno.test({
  name:
    "browser - the production manager publishes day 2's call sheet, crew confirms it on a phone, live; it prints",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const app: TestApp = await createTestApp({}, {
      moduleData: true,
      schedule: false,
    });
    const server = serveApp(app);
    let browser: Browser | undefined;
    try {
      const s = await sessions(app);
      const pm = api(app, s.prodmanager);
      // Two shooting days: scenes 1 and 2 on day 1, 3 and 4 on day 2.
      const board = (await pm.get(inFilm("/schedule"))).body;
      const keys: string[] = board.board.boneyard;
      for (const op of [{ op: "add_day" }, { op: "add_day" }]) {
        assert.equal(
          (await pm.post(inFilm("/schedule/ops"), { op })).status,
          200,
        );
      }
      for (const [i, day] of [[0, 0], [1, 0], [2, 1], [3, 1]]) {
        const moved = await pm.post(inFilm("/schedule/ops"), {
          op: {
            op: "move_strip",
            sceneKey: keys[i],
            to: { day, index: 99 },
          },
        });
        assert.equal(moved.status, 200, JSON.stringify(moved.body));
      }

      browser = await launchChromium();
      const errors: string[] = [];
      const office = await browser.newContext({
        viewport: { width: 1366, height: 900 },
      });
      const pmPage = await signIn(office, server.origin, "prodmanager", {
        path: `/p/${DEMO_SLUG}/callsheets`,
        errors,
      });
      await waitOnline(pmPage);

      await t.step("the office generates and publishes day 2", async () => {
        await pmPage.getByLabel("Shooting day").selectOption("2");
        await pmPage.getByRole("button", { name: "Generate call sheet" })
          .click();
        await pmPage.waitForURL(/\/callsheets\/[^/]+$/);
        await pmPage.getByRole("heading", {
          name: "Call sheet · Day 2 of 2",
        }).waitFor();
        await waitOnline(pmPage);
        await pmPage.getByRole("button", { name: "Publish" }).click();
        await pmPage.getByRole("heading", { name: /Confirmed 0 of \d+/ })
          .waitFor(LIVE);
      });

      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const crewPage = await signIn(phone, server.origin, "crew", {
        path: `/p/${DEMO_SLUG}/inbox`,
        errors,
      });

      await t.step(
        "crew opens it from the inbox and confirms on a phone",
        async () => {
          await crewPage.getByRole("link", { name: /Call sheet: Day 2 of 2/ })
            .click();
          await crewPage.waitForURL(/\/callsheets\/[^/]+$/);
          await waitOnline(crewPage);
          const button = crewPage.getByRole("button", {
            name: "Confirm receipt",
          });
          const box = await button.boundingBox();
          assert.ok(
            box && box.width >= 300 && box.height >= 48,
            "a big button",
          );
          const wide = await crewPage.evaluate(() =>
            document.documentElement.scrollWidth
          );
          assert.ok(wide <= 390, `the page is ${wide} px wide`);
          await button.tap();
          await crewPage.getByText(/Confirmed at \d\d:\d\d/).waitFor(LIVE);
        },
      );

      await t.step("the office sees the receipt live", async () => {
        await pmPage.getByRole("heading", { name: /Confirmed 1 of \d+/ })
          .waitFor(LIVE);
        await pmPage.locator('[data-receipts="confirmed"]')
          .getByText(/Sam Lindqvist/).waitFor(LIVE);
      });

      await t.step(
        "the sheet prints: a PDF, and print media shows the sheet alone",
        async () => {
          const pdf = await pmPage.pdf({ format: "A4", printBackground: true });
          const head = new TextDecoder().decode(pdf.slice(0, 5));
          assert.equal(head, "%PDF-");
          assert.ok(pdf.byteLength > 10_000, `${pdf.byteLength} bytes`);
          const text = new TextDecoder("latin1").decode(pdf);
          const pages = text.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
          assert.ok(pages >= 1 && pages <= 4, `${pages} pages`);

          await pmPage.emulateMedia({ media: "print" });
          assert.equal(await pmPage.locator(".sidebar").isVisible(), false);
          assert.equal(await pmPage.locator(".topbar").isVisible(), false);
          assert.equal(
            await pmPage.getByRole("button", { name: "Print / Save as PDF" })
              .isVisible(),
            false,
          );
          assert.equal(await pmPage.locator(".cs-receipts").isVisible(), false);
          assert.ok(await pmPage.locator(".callsheet-sheet").isVisible());
          const colors = await pmPage.locator(".cs-call-time").evaluate(
            (el) => {
              const style = getComputedStyle(el);
              return [
                style.color,
                getComputedStyle(document.body).backgroundColor,
              ];
            },
          );
          assert.equal(colors[0], "rgb(0, 0, 0)");
          await pmPage.emulateMedia({ media: "screen" });
        },
      );
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
      await app.close();
    }
  },
});

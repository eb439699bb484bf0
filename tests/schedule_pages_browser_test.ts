/**
 * The schedule's pages beside the stripboard, in browsers: the production
 * manager takes a day off the calendar and the preview of shooting dates
 * moves (the producer's save meanwhile is shown, not overwritten); a
 * version saved and locked appears live on the director's
 * versions page; the comparison lists a moved scene and follows the board;
 * the day out of days shows a cast member's codes, follows the board live
 * and prints just the matrix; on a phone no page scrolls sideways.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { api, sessions } from "./helpers/api_client.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
  watchErrors,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, DEMO_SLUG, type TestApp } from "./helpers/test_app.ts";

const S = `/api/p/${DEMO_SLUG}/schedule`;
const PAGES = `/p/${DEMO_SLUG}/schedule`;
const LIVE = { timeout: 5_000 };

/** The codes of cast member `n`'s row on shooting days (weekends vary). */
function codesOf(page: Page, n: number): Promise<string[]> {
  return page.locator(`tr[data-cast="${n}"] td.dood-col-shoot`)
    .allTextContents();
}

/** Resolves once cast member `n`'s codes read `codes`. */
async function waitForCodes(page: Page, n: number, codes: string[]) {
  await page.waitForFunction(
    ({ n, codes }) =>
      JSON.stringify(
        [
          ...document.querySelectorAll(
            `tr[data-cast="${n}"] td.dood-col-shoot`,
          ),
        ]
          .map((td) => td.textContent),
      ) === JSON.stringify(codes),
    { n, codes },
    LIVE,
  );
}

Deno.test({
  name:
    "browser - schedule calendar, versions, comparison and day out of days, live",
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
      const view = (await pm.get(S)).body;
      const key = (n: string): string =>
        view.strips.find((x: { number: string }) => x.number === n).sceneKey;
      const move = async (n: string, to: object) => {
        const reply = await pm.post(`${S}/ops`, {
          op: { op: "move_strip", sceneKey: key(n), to },
        });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
      };
      // Day 1: scenes 1 (cast 1) and 2 (cast 1, 2); day 2: scene 3 (1, 3, 4).
      await move("1", { day: 0, index: 0 });
      await move("2", { day: 0, index: 1 });
      await move("3", { day: 1, index: 0 });

      browser = await launchChromium();
      const errors: string[] = [];
      const open = async (username: string, path: string, width = 1366) => {
        const context = await browser!.newContext({
          viewport: { width, height: 900 },
        });
        const page = await signIn(context, server.origin, username, { path });
        watchErrors(page, errors);
        await waitOnline(page);
        return page;
      };

      await t.step(
        "a day off moves the preview; someone else's save is shown",
        async () => {
          const page = await open("prodmanager", `${PAGES}/settings`);
          const dates = page.locator(".preview-dates li");
          const first = await dates.first().getAttribute("data-date");
          const second = await dates.nth(1).getAttribute("data-date");
          assert.ok(first && second);
          await page.getByLabel("Add to days off").fill(first);
          await page.getByRole("button", { name: "Add to days off" }).click();
          await page.locator(`.preview-dates li[data-date="${second}"]`).first()
            .waitFor(LIVE);
          assert.equal(await dates.first().getAttribute("data-date"), second);
          assert.ok(
            !(await dates.evaluateAll((li) => li.map((l) => l.dataset.date)))
              .includes(first),
          );
          await page.getByRole("button", { name: "Save settings" }).click();
          await page.getByText("Settings saved.").waitFor(LIVE);
          const saved = (await pm.get(`${S}/settings`)).body;
          assert.deepEqual(saved.daysOff, [first]);

          // The producer saves meanwhile: shown, never overwritten.
          const minutes = page.getByLabel("Minutes per eighth of a page");
          await minutes.fill("12");
          const { version: _, ...rest } = saved;
          const theirs = await api(app, s.producer).call(
            "PUT",
            `${S}/settings`,
            { ...rest, minutesPerEighth: 20 },
            { "if-match": String(saved.version) },
          );
          assert.equal(theirs.status, 200);
          await page.getByText(/changed the settings meanwhile/).waitFor(LIVE);
          await page.getByRole("button", { name: "Save settings" }).click();
          await page.getByText("Someone changed the settings meanwhile.")
            .waitFor(LIVE);
          assert.equal(
            (await pm.get(`${S}/settings`)).body.minutesPerEighth,
            20,
          );
          await page.getByRole("button", { name: "Reload their settings" })
            .click();
          assert.equal(await minutes.inputValue(), "20");
          await page.context().close();
        },
      );

      let director: Page | undefined;
      await t.step(
        "a version saved and locked appears live on the director's page",
        async () => {
          director = await open("director", `${PAGES}/versions`);
          await director.getByText("No saved version yet").waitFor();
          const page = await open("prodmanager", `${PAGES}/versions`);
          await page.getByLabel("Name").fill("White — locked");
          await page.getByLabel("Lock it as the shooting schedule").check();
          await page.getByRole("button", { name: "Save version" }).click();
          const item = director.locator(".version-item", {
            hasText: "White — locked",
          });
          await item.waitFor(LIVE);
          await item.getByText(/Shooting schedule — locked by/).waitFor(LIVE);
          // The director reads and compares, and changes nothing.
          assert.equal(
            await director.getByRole("button", { name: /^(Lock|Delete)/ })
              .count(),
            0,
          );
          await page.context().close();
        },
      );

      await t.step(
        "the comparison lists the moved scene and follows the board",
        async () => {
          const page = director!;
          await move("3", { day: 0, index: 2 });
          await page.getByLabel("From (A)").selectOption({
            label: "White — locked (locked)",
          });
          await page.getByRole("button", { name: "Compare" }).click();
          const row = page.locator('.compare-table tr[data-scene="3"]');
          await row.waitFor(LIVE);
          assert.deepEqual(
            (await row.locator("td").allTextContents()).slice(1),
            ["Day 2", "Day 1"],
          );
          await move("1", { boneyard: true });
          await page.locator('.compare-table tr[data-scene="1"]')
            .getByText("Boneyard").waitFor(LIVE);
          // And back: nothing moved any more.
          await move("1", { day: 0, index: 0 });
          await move("3", { day: 1, index: 0 });
          await page.getByText("No scene moved").waitFor(LIVE);
          await page.context().close();
        },
      );

      await t.step(
        "the day out of days shows the codes, follows the board and prints just the matrix",
        async () => {
          const page = await open("director", `${PAGES}/dood`);
          // Cast 1 works both days; cast 2 only the first.
          assert.deepEqual(await codesOf(page, 1), ["SW", "WF"]);
          assert.deepEqual(await codesOf(page, 2), ["SWF", ""]);
          // Scene 5 (cast 2 and 4) joins day 2.
          await move("5", { day: 1, index: 1 });
          await waitForCodes(page, 2, ["SW", "WF"]);
          await page.locator(".dood-updated", { hasText: /^Updated/ })
            .waitFor(LIVE);
          const csv = page.getByRole("link", { name: "Download CSV" });
          assert.equal(
            await csv.getAttribute("href"),
            `${S}/dood.csv`,
          );

          await page.emulateMedia({ media: "print" });
          assert.equal(await page.locator(".sidebar").isVisible(), false);
          assert.equal(await page.locator(".schedule-tabs").isVisible(), false);
          assert.equal(await page.locator(".topbar").isVisible(), false);
          assert.equal(await page.locator(".dood-actions").isVisible(), false);
          assert.ok(await page.locator(".dood-table").isVisible());
          await page.emulateMedia({ media: "screen" });
          assert.ok(await page.locator(".sidebar").isVisible());
          await page.context().close();
        },
      );

      await t.step("at 390 px no page scrolls sideways", async () => {
        const page = await open("prodmanager", `${PAGES}/dood`, 390);
        for (const path of ["dood", "versions", "settings"]) {
          await page.goto(`${server.origin}${PAGES}/${path}`);
          const [scroll, client] = await page.evaluate(() => [
            document.documentElement.scrollWidth,
            document.documentElement.clientWidth,
          ]);
          assert.ok(scroll <= client, `${path}: ${scroll} > ${client}`);
        }
        // The matrix scrolls inside its card, the cast column held.
        await page.goto(`${server.origin}${PAGES}/dood`);
        const wrap = page.locator(".dood-wrap");
        const position = await page.locator("tbody .dood-cast").first()
          .evaluate((th) => getComputedStyle(th).position);
        assert.equal(position, "sticky");
        assert.ok(
          await wrap.evaluate((el) => el.scrollWidth > el.clientWidth),
          "the matrix is wider than a phone",
        );
        await page.context().close();
      });
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
      await app.close();
    }
  },
});

/**
 * Editing the production's settings in a browser, by keyboard: the
 * sidebar leads there, a refused save puts focus on the first invalid
 * field, a save reloads the page with the notice, and someone else's open
 * page is told the settings changed. With `SETTINGS_SHOTS=<dir>` it also
 * saves the page at 1366 and 390 px, light and dark.
 */
import assert from "node:assert/strict";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, login, type TestApp } from "./helpers/test_app.ts";
import { getProduction } from "@/lib/production/store.ts";

const runBrowser = browserTestsEnabled();

Deno.test({
  name: "browser - the production office edits the settings by keyboard",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    const origin = server.origin;
    const browser = await launchChromium();
    const errors: string[] = [];
    try {
      const crewContext = await browser.newContext({
        viewport: { width: 1366, height: 850 },
      });
      const crew = await signIn(crewContext, origin, "crew", {
        online: true,
        errors,
      });
      const context = await browser.newContext({
        viewport: { width: 1366, height: 850 },
      });
      const page = await signIn(context, origin, "prodmanager", {
        online: true,
        errors,
      });

      await t.step("the sidebar leads to the form", async () => {
        await Promise.all([
          page.waitForURL(`${origin}/p/northern-lights/settings`),
          page.click('#sidebar a:text-is("Settings")'),
        ]);
        await page.waitForSelector("h1:text-is('Production settings')");
        assert.equal(
          await crew.locator('#sidebar a[href$="/settings"]').count(),
          0,
        );
      });

      await t.step(
        "a refused save: every error, focus on the first",
        async () => {
          await page.focus("#settings-title");
          await page.keyboard.press("ControlOrMeta+a");
          await page.keyboard.press("Backspace");
          await page.fill("#settings-slug", "Not A Slug");
          await page.focus("#settings-shotCodePattern");
          await page.keyboard.press("Enter"); // submits the form
          await page.waitForSelector(".error-summary");
          await page.waitForSelector(
            '#settings-title-error:text-is("Give the production a name")',
          );
          await page.waitForSelector("#settings-slug-error");
          await page.waitForFunction(
            () => document.activeElement?.id === "settings-title",
            undefined,
            { timeout: 2_000 },
          );
        },
      );

      await t.step("a save by keyboard, then the notice", async () => {
        await page.keyboard.type("Northern Lights Redux");
        await page.fill("#settings-slug", "northern-lights-redux");
        await page.selectOption("#settings-timeZone", "Europe/London");
        await page.focus("#settings-wrapDate");
        await Promise.all([
          // A new slug: the production's pages moved with it.
          page.waitForURL(
            `${origin}/p/northern-lights-redux/settings?done=saved`,
          ),
          page.keyboard.press("Enter"),
        ]);
        await page.waitForSelector('.notice:text-is("Settings saved.")');
        const p = (await getProduction(app.services.kv))!;
        assert.equal(p.title, "Northern Lights Redux");
        assert.equal(p.slug, "northern-lights-redux");
        assert.equal(p.timeZone, "Europe/London");
        // The currency stays: the demo budget holds amounts.
        assert.equal(
          await page.getAttribute("#settings-currency", "readonly"),
          "",
        );
      });

      await t.step(
        "someone else's open page is told, with a reload",
        async () => {
          const toast = crew.locator(
            '.toast:has-text("Production settings changed")',
          );
          await toast.waitFor();
          assert.match(
            await toast.innerText(),
            /Marcus Obi changed the name, slug, time zone\./,
          );
          // The same page (the dashboard), at the production's new address.
          await Promise.all([
            crew.waitForURL(`${origin}/p/northern-lights-redux`),
            toast.locator('a:text-is("Reload")').click(),
          ]);
          await waitOnline(crew);
          await crew.waitForSelector(
            '.dashboard-production strong:text-is("Northern Lights Redux")',
          );
          // The one who saved gets no toast about it.
          assert.equal(await page.locator(".toast").count(), 0);
        },
      );

      await t.step(
        "archived by a studio admin: open pages are told at once",
        async () => {
          const { token } = await login(app, "producer");
          const res = await app.fetch("/api/productions/current/archive", {
            method: "POST",
            headers: { authorization: `Bearer ${token}` },
          });
          assert.equal(res.status, 200);
          await res.body?.cancel();
          const toast = crew.locator('.toast:has-text("Production archived")');
          await toast.waitFor();
          assert.match(
            await toast.innerText(),
            /Paula Reyes archived Northern Lights Redux: you can still read everything/,
          );
          await toast.locator('a:text-is("Reload")').click();
          await crew.waitForSelector("[data-archived]");
        },
      );

      const shots = Deno.env.get("SETTINGS_SHOTS");
      if (shots) {
        await t.step("pictures", async () => {
          await Deno.mkdir(shots, { recursive: true });
          const state = await context.storageState();
          for (const width of [1366, 390]) {
            for (const dark of [false, true]) {
              const shot = await browser.newContext({
                storageState: state,
                viewport: { width, height: width > 800 ? 850 : 844 },
                colorScheme: dark ? "dark" : "light",
              });
              const p = await shot.newPage();
              await p.goto(`${origin}/p/northern-lights-redux/settings`);
              await p.screenshot({
                path: `${shots}/settings-${width}-${
                  dark ? "dark" : "light"
                }.png`,
                fullPage: true,
              });
              const reader = await browser.newContext({
                viewport: { width, height: 844 },
                colorScheme: dark ? "dark" : "light",
              });
              const r = await signIn(reader, origin, "crew", {
                path: "/p/northern-lights-redux/settings",
              });
              await r.screenshot({
                path: `${shots}/settings-crew-${width}-${
                  dark ? "dark" : "light"
                }.png`,
                fullPage: true,
              });
              await reader.close();
              await shot.close();
            }
          }
        });
      }
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

/**
 * The app in Chromium, as a new user meets it: sign in (with a typo first),
 * a shell that matches the role, the sidebar toggle island hydrating under
 * the nonce-based CSP, adding a crew member, and signing out.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { navFor } from "@/lib/navigation.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  submitLogin,
  watchErrors,
} from "./helpers/browser.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { createTestApp, DEMO_SLUG, type TestApp } from "./helpers/test_app.ts";
import { serveApp } from "./helpers/serve.ts";

/** A page of the demo feature film. */
const film = (path: string) => inProduction(DEMO_SLUG, path);
const team = film("/team");

const runBrowser = browserTestsEnabled();

Deno.test({
  name: "browser - the app for a new user",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp();
    const server = serveApp(app);
    const origin = server.origin;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const context = await browser.newContext();
      const page = await context.newPage();
      // Console errors too: CSP violations land there.
      const errors = watchErrors(page, [], { console: true });

      await t.step(
        "signed out, the app opens the login form, focused",
        async () => {
          await page.goto(`${origin}${team}`);
          assert.equal(new URL(page.url()).pathname, "/login");
          assert.equal(new URL(page.url()).searchParams.get("next"), team);
          assert.equal(
            await page.evaluate(() =>
              (document.activeElement as HTMLInputElement)?.name
            ),
            "username",
          );
        },
      );

      await t.step("a wrong password shows an inline error", async () => {
        await page.fill('input[name="username"]', "producer");
        await page.fill('input[name="password"]', "wrong-password");
        await page.click('button[type="submit"]');
        await page.waitForSelector("#login-error");
        assert.equal(
          await page.textContent("#login-error"),
          "Wrong username or password",
        );
        assert.equal(
          await page.inputValue('input[name="username"]'),
          "producer",
        );
      });

      await t.step(
        "signing in returns to the page asked for, in a role shell",
        async () => {
          await page.fill('input[name="password"]', "password123");
          await Promise.all([
            page.waitForURL(`${origin}${team}`),
            page.click('button[type="submit"]'),
          ]);
          assert.equal(await page.textContent(".user-name"), "Paula Reyes");
          assert.equal(await page.textContent(".role-badge"), "Producer");
          const links = await page.$$eval(
            "#sidebar a",
            (as) => as.map((a) => a.getAttribute("href")),
          );
          assert.deepEqual(links, navFor("producer").map((i) => film(i.href)));
        },
      );

      await t.step("the sidebar toggle hydrates under the CSP", async () => {
        await page.setViewportSize({ width: 375, height: 740 });
        await page.waitForSelector('#shell[data-nav="closed"]');
        assert.equal(await page.isVisible("#sidebar"), false);
        await page.click(".nav-toggle");
        await page.waitForSelector('#shell[data-nav="open"]');
        assert.equal(
          await page.getAttribute(".nav-toggle", "aria-expanded"),
          "true",
        );
        assert.equal(await page.isVisible("#sidebar"), true);
        await page.keyboard.press("Escape");
        await page.waitForSelector('#shell[data-nav="closed"]');
        await page.setViewportSize({ width: 1280, height: 800 });
        assert.equal(await page.isVisible("#sidebar"), true);
      });

      await t.step(
        "the production switcher works by keyboard and switches",
        async () => {
          const summary = ".switcher > summary";
          assert.equal(
            await page.textContent(`${summary} .switcher-title`),
            "Northern Lights",
          );
          assert.equal(await page.isVisible(".switcher-menu"), false);
          await page.focus(summary);
          await page.keyboard.press("Enter");
          await page.waitForSelector(".switcher-menu", { state: "visible" });
          const items = await page.$$eval(
            ".switcher-menu a",
            (as) => as.map((a) => [a.getAttribute("href"), a.textContent]),
          );
          assert.deepEqual(items, [
            ["/p/northern-lights", "Northern Lights"],
            ["/p/saltwater-block-2", "Saltwater — Block 2"],
            ["/", "All productions"],
            // The producer administers the demo studio.
            ["/admin", "Studio admin"],
          ]);
          assert.equal(
            await page.getAttribute(
              '.switcher-menu a[href="/p/northern-lights"]',
              "aria-current",
            ),
            "true",
          );
          // Escape closes it and leaves focus on its button.
          await page.keyboard.press("Escape");
          await page.waitForSelector(".switcher-menu", { state: "hidden" });
          assert.equal(
            await page.evaluate(() => document.activeElement?.tagName),
            "SUMMARY",
          );
          // A click elsewhere closes it too.
          await page.click(summary);
          await page.waitForSelector(".switcher-menu", { state: "visible" });
          await page.click("h1");
          await page.waitForSelector(".switcher-menu", { state: "hidden" });
          // Another production: its dashboard, its name, its modules.
          await page.click(summary);
          await Promise.all([
            page.waitForURL(`${origin}/p/saltwater-block-2`),
            page.click('.switcher-menu a[href="/p/saltwater-block-2"]'),
          ]);
          assert.equal(
            await page.textContent(`${summary} .switcher-title`),
            "Saltwater — Block 2",
          );
          assert.equal(
            await page.getAttribute("#sidebar a[aria-current]", "href"),
            "/p/saltwater-block-2",
          );
          await page.goto(`${origin}${team}`);
        },
      );

      await t.step(
        "a manager adds a crew member who can then sign in",
        async () => {
          await page.fill('input[name="name"]', "Robin Boom");
          await page.fill('input[name="username"]', "robin");
          await page.selectOption('select[name="role"]', "crew");
          await page.fill('input[name="password"]', "boom-pole-1");
          await Promise.all([
            page.waitForURL(`${origin}${team}?done=created`),
            page.click('form:has(input[value="create"]) button[type="submit"]'),
          ]);
          assert.match(
            (await page.textContent(".notice"))!,
            /Crew member added/,
          );
          await Promise.all([
            page.waitForURL(`${origin}/login`),
            page.click('.topbar-user button[type="submit"]'),
          ]);
          await page.goto(`${origin}/login`);
          await Promise.all([
            page.waitForURL((url) =>
              url.pathname !== "/login" || url.search !== ""
            ),
            submitLogin(page, "robin", "boom-pole-1"),
          ]).catch(() => {});
          await page.waitForSelector(".user-name");
          assert.equal(await page.textContent(".user-name"), "Robin Boom");
          // Signed in without a `next`: their home; the film is one click on.
          assert.equal(new URL(page.url()).pathname, "/");
          await page.goto(`${origin}${film("/")}`);
          const links = await page.$$eval(
            "#sidebar a",
            (as) => as.map((a) => a.getAttribute("href")),
          );
          assert.deepEqual(links, navFor("crew").map((i) => film(i.href)));
        },
      );

      await t.step(
        "a crew member opening the budget gets a 403 page",
        async () => {
          const res = await page.goto(`${origin}${film("/budget")}`);
          assert.equal(res?.status(), 403);
          assert.match(
            (await page.textContent("h1"))!,
            /Not available to your role/,
          );
        },
      );

      await t.step("no CSP violation or script error happened", () => {
        assert.deepEqual(errors.filter((e) => !/status of 40[13]/.test(e)), []);
      });
      await context.close();
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

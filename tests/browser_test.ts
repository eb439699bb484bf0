/**
 * End-to-end tests: serves the fixture app on 127.0.0.1 and drives the
 * system's headless Chromium through playwright-core to check that islands
 * hydrate in a real browser.
 *
 * Without Chromium the tests are ignored, except under `CI=true`, where a
 * missing browser is an error.
 */
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildFixture } from "./fixture/build.ts";
import { settlesWithin, TEARDOWN_MS } from "./helpers/deadline.ts";
import { serve } from "./helpers/serve.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
} from "./helpers/browser.ts";

const runBrowser = browserTestsEnabled();

/** What every page reads when Date, URL, Map, Set and bigint props survive. */
const TYPES_REPORT = "2026-01-02T03:04:05.000Z|1|1|xy|12345678901234567890";

// Build at module level: esbuild's child process would otherwise trip the
// test's op and resource sanitizers.
const handler = runBrowser ? await buildFixture() : undefined;

/** A page plus everything it reported that a test may want to check. */
interface Visit {
  page: Page;
  /** Console messages of type "error" and uncaught page errors. */
  errors: string[];
  /** Every request the page made, as `resourceType url`. */
  requests: string[];
}

/** Opens `path` in a fresh context; only 127.0.0.1 may be reached. */
async function visit(
  browser: Browser,
  origin: string,
  path: string,
  contexts: BrowserContext[],
): Promise<Visit> {
  const context = await browser.newContext();
  contexts.push(context);
  const errors: string[] = [];
  const requests: string[] = [];
  // Abort anything that is not our server and remember it as an error.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    errors.push(`blocked off-host request: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    // Chromium asks for /favicon.ico on its own, whenever it likes, and the
    // fixture has none: that 404 is no error of the page.
    if (new URL(msg.location().url, origin).pathname === "/favicon.ico") return;
    errors.push(`console: ${msg.text()}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on(
    "request",
    (req) => requests.push(`${req.resourceType()} ${req.url()}`),
  );
  // "load" comes after module scripts ran, so boot() has hydrated the page.
  const response = await page.goto(`${origin}${path}`, { waitUntil: "load" });
  assert.equal(response?.status(), 200, `GET ${path}`);
  return { page, errors, requests };
}

/** Waits until exactly one `selector` exists and its text is `expected`. */
async function waitForText(
  page: Page,
  selector: string,
  expected: string,
): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, text]) => {
        const found = document.querySelectorAll(sel);
        return found.length === 1 && found[0].textContent === text;
      },
      [selector, expected] as const,
      { timeout: 5_000 },
    );
  } catch (err) {
    const actual = await page.locator(selector).allTextContents();
    throw new Error(
      `expected one ${selector} reading ${JSON.stringify(expected)}, ` +
        `found ${JSON.stringify(actual)}\n${await page.content()}`,
      { cause: err },
    );
  }
}

Deno.test({
  name: "browser - islands in Chromium",
  ignore: !runBrowser,
  async fn(t) {
    const server = serve(handler!);
    const origin = server.origin;
    const contexts: BrowserContext[] = [];
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const b = browser;

      await t.step("island hydrates and reacts to a click", async () => {
        const { page, errors } = await visit(b, origin, "/counter", contexts);
        await waitForText(page, ".counter-value", "3");
        await page.click(".counter-inc");
        await waitForText(page, ".counter-value", "4");
        await page.click(".counter-inc");
        await waitForText(page, ".counter-value", "5");
        assert.equal(await page.locator(".counter-inc").count(), 1);
        assert.deepEqual(errors, []);
      });

      await t.step("two islands sharing a signal update together", async () => {
        const { page, errors } = await visit(b, origin, "/counter", contexts);
        await waitForText(page, ".shared-view", "5");
        await page.click(".shared-inc");
        await waitForText(page, ".shared-view", "6");
        await page.click(".shared-inc");
        await waitForText(page, ".shared-view", "7");
        assert.equal(await page.locator(".shared-inc").count(), 1);
        assert.deepEqual(errors, []);
      });

      await t.step("props keep their types in the browser", async () => {
        const { page, errors, requests } = await visit(
          b,
          origin,
          "/counter",
          contexts,
        );
        // A click that works proves boot() ran; TypeReport was rendered by
        // the same boot() from the deserialized props.
        await page.click(".counter-inc");
        await waitForText(page, ".counter-value", "4");
        await waitForText(page, ".type-report", TYPES_REPORT);
        assert.ok(
          requests.some((r) => /^script .*\/_fresh\/js\/TypeReport-/.test(r)),
          `TypeReport's chunk was loaded: ${requests.join("\n")}`,
        );
        assert.deepEqual(errors, []);
      });

      await t.step("nested island renders as part of its parent", async () => {
        const { page, errors } = await visit(b, origin, "/nested", contexts);
        await waitForText(page, ".outer .counter-value", "10");
        await page.click(".outer .counter-inc");
        await waitForText(page, ".outer .counter-value", "11");
        assert.equal(await page.locator(".outer").count(), 1);
        assert.deepEqual(errors, []);
      });

      await t.step("a page without islands loads no script", async () => {
        const { page, errors, requests } = await visit(
          b,
          origin,
          "/plain",
          contexts,
        );
        const scripts = requests.filter((r) => r.startsWith("script "));
        assert.deepEqual(scripts, []);
        assert.equal(await page.evaluate(() => document.scripts.length), 0);
        assert.equal(
          await page.locator("h1").textContent(),
          "no islands here",
        );
        assert.deepEqual(errors, []);
      });
    } finally {
      for (const context of contexts) {
        await settlesWithin(context.close(), TEARDOWN_MS);
      }
      await closeBrowser(browser);
      await server.close();
    }
  },
});

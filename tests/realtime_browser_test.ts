/**
 * The realtime client in Chromium across a server restart: the status pill
 * goes Live → Reconnecting → Live, and an announcement written while the
 * server was down appears after the reconnect, without a reload.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { announce as announceAs } from "@/lib/announcements/service.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";

/** Posts an announcement as `actor`, through the service. */
const announce = (
  kv: Deno.Kv,
  actor: ServiceActor,
  input: Parameters<typeof announceAs>[1],
) => announceAs(serviceContext(kv, actor), input);
import { findMember } from "@/lib/team/members.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
} from "./helpers/browser.ts";
import { serveApp, type TestServer } from "./helpers/serve.ts";
import { createTestApp, DEMO_SLUG, type TestApp } from "./helpers/test_app.ts";
import { openKv } from "@/lib/store/kv.ts";

const runBrowser = browserTestsEnabled();

/**
 * Binds the port the old server used. Under load the kernel can take a
 * moment to release it; each retry is a real bind attempt, bounded.
 */
async function serveAgain(port: number, app: TestApp): Promise<TestServer> {
  for (let attempt = 0;; attempt++) {
    try {
      return serveApp(app, { port });
    } catch (error) {
      if (!(error instanceof Deno.errors.AddrInUse) || attempt >= 100) {
        throw error;
      }
      // A retry backoff: no event says when the kernel frees the port.
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

Deno.test({
  name: "browser - live status and catch-up across a server restart",
  ignore: !runBrowser,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "prodsight-restart-" });
    const kvPath = `${dir}/kv.sqlite3`;
    let app: TestApp = await createTestApp({ kvPath });
    let server = serveApp(app);
    const { port, origin } = server;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const errors: string[] = [];
      const page = await signIn(await browser.newContext(), origin, "crew", {
        online: true,
        errors,
      });
      assert.equal(await page.textContent(".conn"), "Live");
      await page.evaluate(() =>
        (globalThis as { marker?: number }).marker = 42
      );

      // The server goes away: sockets get 1001 and the pill says so.
      await server.close();
      await page.waitForSelector('.conn[data-status="reconnecting"]');
      assert.match((await page.textContent(".conn"))!, /^Reconnecting/);

      // While it is down, the production office announces something.
      const store = await openKv(kvPath);
      const kv = productionKv(store, PRODUCTION_ID);
      const producer = (await findMember(kv, "producer"))!;
      await announce(kv, producer, {
        message: "Wrap moved to 9pm",
        level: "info",
      });
      store.close();

      // Same port, new process state: the client resumes from its cursor.
      app = await createTestApp({ kvPath });
      server = await serveAgain(port, app);
      await waitOnline(page, {
        timeout: 30_000,
      });
      await page.waitForSelector(".toast-text");
      assert.equal(await page.textContent(".toast-text"), "Wrap moved to 9pm");
      assert.equal(
        await page.evaluate(() => (globalThis as { marker?: number }).marker),
        42,
      );
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "browser - 'Online now' lists the user after a page change and back",
  ignore: !runBrowser,
  async fn() {
    const app = await createTestApp();
    const server = serveApp(app);
    const { origin } = server;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const errors: string[] = [];
      const page = await signIn(await browser.newContext(), origin, "crew", {
        errors,
      });
      const online = 'ul[aria-label="Online now"] li:has-text("Sam Lindqvist")';
      await page.waitForSelector(online, { timeout: 5_000 });
      // Another page and back: a new socket each time, the same user.
      await page.goto(`${origin}/p/${DEMO_SLUG}/assets`);
      await waitOnline(page);
      await page.goto(`${origin}/p/${DEMO_SLUG}`);
      await page.waitForSelector(online, { timeout: 5_000 });
      assert.equal(await page.locator("text=No one is online.").count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

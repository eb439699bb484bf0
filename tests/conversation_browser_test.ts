/**
 * The conversation and the inbox in Chromium, as issue #13 tries them: the
 * producer comments on crew's task and mentions @crew through the
 * autocomplete; crew, with the task open in one tab and the dashboard in
 * another, sees the producer typing, the comment arrive and the inbox
 * badge go to 1 in both tabs, live; crew opens the inbox and the mention,
 * which marks it read, and the badge clears in both tabs. Every wait is
 * for the page, bounded.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { sessionOf } from "./helpers/api_client.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
  watchErrors,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp } from "./helpers/test_app.ts";
import { tasks } from "@/lib/tasks/task_store.ts";

const runBrowser = browserTestsEnabled();

/** "Within a few seconds": how long a live change may take to show. */
const LIVE_MS = 5_000;
const FILM = "/p/northern-lights";

const badge = (page: Page, label: string) =>
  page.locator(`.inbox-badge[aria-label="${label}"]`).waitFor({
    timeout: LIVE_MS,
  });

Deno.test({
  name:
    "browser - a mention reaches crew's open task live, the badge counts it in both tabs, and opening it clears both",
  ignore: !runBrowser,
  async fn() {
    const app = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    let browser: Browser | null = null;
    const errors: string[] = [];
    try {
      browser = await launchChromium();
      const crew = await sessionOf(app, "crew");
      const task = (await tasks.list(app.services.kv)).find((t) =>
        t.assigneeId === crew.id
      );
      assert.ok(task, "the demo has a task assigned to crew");
      const taskPath = `${FILM}/tasks/${task.id}`;

      const crewContext = await browser.newContext();
      crewContext.setDefaultTimeout(10_000);
      const crewTask = await signIn(crewContext, server.origin, "crew", {
        path: taskPath,
        online: true,
      });
      watchErrors(crewTask, errors);
      const crewHome = await crewContext.newPage();
      watchErrors(crewHome, errors);
      await crewHome.goto(`${server.origin}${FILM}`);
      await waitOnline(crewHome);
      for (const tab of [crewTask, crewHome]) {
        await badge(tab, "Inbox, no unread items");
      }

      const producerContext = await browser.newContext();
      producerContext.setDefaultTimeout(10_000);
      const producer = await signIn(
        producerContext,
        server.origin,
        "producer",
        {
          path: taskPath,
          online: true,
        },
      );
      watchErrors(producer, errors);
      const field = producer.locator(".comment-form textarea");
      await field.click();
      await producer.keyboard.type("Is the van booked? @cr");
      // Crew sees who is typing on this task.
      await crewTask.locator(".comment-typing", { hasText: "is typing…" })
        .waitFor({ timeout: LIVE_MS });
      const option = producer.locator('.mention-list [role="option"]', {
        hasText: "@crew",
      });
      await option.waitFor();
      assert.equal(await option.getAttribute("aria-selected"), "true");
      await producer.keyboard.press("Enter");
      assert.equal(await field.inputValue(), "Is the van booked? @crew ");
      await producer.keyboard.type("please confirm by noon");
      await producer.keyboard.press("Control+Enter");
      await producer.locator(".comment-body", { hasText: "confirm by noon" })
        .waitFor();

      // Live in crew's open task, and counted in both of crew's tabs.
      await crewTask.locator(".comment-body", {
        hasText: "Is the van booked? @crew please confirm by noon",
      }).waitFor({ timeout: LIVE_MS });
      for (const tab of [crewTask, crewHome]) {
        await badge(tab, "Inbox, 1 unread");
      }

      // Crew opens the inbox from the badge, then the mention itself.
      await Promise.all([
        crewHome.waitForURL(`${server.origin}${FILM}/inbox`),
        crewHome.locator(".inbox-badge").click(),
      ]);
      const item = crewHome.locator(".inbox-item-unread .inbox-title");
      assert.match(await item.innerText(), /mentioned you on/);
      await Promise.all([
        crewHome.waitForURL(new RegExp(`/tasks/${task.id}#comment-`)),
        item.click(),
      ]);
      await badge(crewHome, "Inbox, no unread items");
      await badge(crewTask, "Inbox, no unread items");
      assert.deepEqual(errors, []);
    } finally {
      if (browser) await closeBrowser(browser);
      await server.close();
    }
  },
});

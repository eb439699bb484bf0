/**
 * The task board in two browsers side by side: the producer creates and
 * drags a task for crew, crew sees it and moves it to review, the producer
 * sees that; a keyboard move; and the conflict message when a move races.
 */
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { transact } from "../lib/store/transaction.ts";
import { tasks } from "../lib/tasks/task_store.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
} from "./browser/chromium.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";
import { serveApp } from "./helpers/serve.ts";

const runBrowser = browserTestsEnabled();

async function signIn(
  context: BrowserContext,
  origin: string,
  username: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/login?next=/tasks`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', "password123");
  await Promise.all([
    page.waitForURL(`${origin}/tasks`),
    page.click('button[type="submit"]'),
  ]);
  await page.waitForSelector('.conn[data-status="online"]');
  return page;
}

const cardIn = (status: string, title: string) =>
  `ol[data-status="${status}"] .task-card:has(.task-title:text-is("${title}"))`;

Deno.test({
  name: "browser - the task board live in two browsers",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp();
    const server = serveApp(app);
    const origin = server.origin;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const producerContext = await browser.newContext({
        viewport: { width: 1400, height: 900 },
      });
      const crewContext = await browser.newContext({
        viewport: { width: 1400, height: 900 },
      });
      const producer = await signIn(producerContext, origin, "producer");
      const crew = await signIn(crewContext, origin, "crew");
      const errors: string[] = [];
      for (const page of [producer, crew]) {
        page.on("pageerror", (e) => errors.push(e.message));
      }
      assert.equal(await crew.textContent("h1"), "My tasks");

      await t.step(
        "producer creates a task for crew; crew's board shows it",
        async () => {
          await producer.click("text=New task");
          await producer.fill(
            'dialog input[name="title"]',
            "Check the tide tables",
          );
          await producer.selectOption('dialog select[name="assigneeId"]', {
            label: "Sam Lindqvist",
          });
          await producer.click('dialog button[type="submit"]');
          await producer.waitForSelector(
            cardIn("todo", "Check the tide tables"),
          );
          await crew.waitForSelector(cardIn("todo", "Check the tide tables"), {
            timeout: 2_000,
          });
        },
      );

      await t.step(
        "producer drags it to In progress; crew sees the move",
        async () => {
          await producer.dragAndDrop(
            cardIn("todo", "Check the tide tables"),
            'ol[data-status="in_progress"]',
          );
          await producer.waitForSelector(
            cardIn("in_progress", "Check the tide tables"),
          );
          await crew.waitForSelector(
            cardIn("in_progress", "Check the tide tables"),
            { timeout: 2_000 },
          );
        },
      );

      await t.step(
        "crew moves it to review with the keyboard; producer sees it",
        async () => {
          await crew.focus(cardIn("in_progress", "Check the tide tables"));
          await crew.keyboard.press("Space");
          await crew.keyboard.press("ArrowRight");
          const live = await crew.textContent(
            '[role="status"][aria-live="assertive"]',
          );
          assert.match(live!, /Review, position 1/);
          await crew.keyboard.press("Space");
          await crew.waitForSelector(cardIn("review", "Check the tide tables"));
          await producer.waitForSelector(
            cardIn("review", "Check the tide tables"),
            { timeout: 2_000 },
          );
        },
      );

      await t.step(
        "an open edit dialog shows a conflict instead of overwriting",
        async () => {
          await producer.click(
            `${cardIn("review", "Check the tide tables")} .task-title`,
          );
          await producer.waitForSelector("dialog[open]");
          await crew.focus(cardIn("review", "Check the tide tables"));
          await crew.keyboard.press("Space");
          await crew.keyboard.press("ArrowLeft");
          await crew.keyboard.press("Space");
          await producer.waitForSelector(
            "dialog[open] >> text=Someone else changed this task",
          );
          await producer.click("dialog >> text=Load their version");
          assert.equal(
            await producer.inputValue('dialog select[name="status"]'),
            "in_progress",
          );
          await producer.click("dialog >> text=Cancel");
          await producer.waitForSelector(
            cardIn("in_progress", "Check the tide tables"),
          );
        },
      );

      await t.step(
        "a move that loses a race is rolled back with a message",
        async () => {
          // Someone changes the task behind the producer's board (no event
          // reaches it first, as when two people drag at the same moment).
          const [task] = (await tasks.list(app.services.kv)).filter((x) =>
            x.title === "Check the tide tables"
          );
          await app.services.hub.shutdown();
          await transact(
            app.services.kv,
            (tx) => tasks.update(tx, task.id, () => ({ priority: "urgent" })),
          );
          await producer.dragAndDrop(
            cardIn("in_progress", "Check the tide tables"),
            'ol[data-status="done"]',
          );
          await producer.waitForSelector(".board-notice");
          assert.match(
            (await producer.textContent(".board-notice"))!,
            /Someone else changed/,
          );
          await producer.waitForSelector(
            cardIn("in_progress", "Check the tide tables"),
          );
        },
      );
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

/**
 * The task board in two browsers side by side: the producer creates and
 * drags a task for crew, crew sees it and moves it to review, the producer
 * sees that; a keyboard move; and the conflict message when a move races.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { transact } from "@/lib/store/transaction.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
  watchErrors,
} from "./helpers/browser.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";
import { serveApp } from "./helpers/serve.ts";

const runBrowser = browserTestsEnabled();

const cardIn = (status: string, title: string) =>
  `ol[data-status="${status}"] .task-card:has(.task-title:text-is("${title}"))`;

/** Creates tasks through the API as the page's signed-in user. */
async function createTasks(
  page: Page,
  list: { title: string; status?: string; assigneeId?: string }[],
): Promise<void> {
  await page.evaluate(async (list) => {
    for (const body of list) {
      const res = await fetch("/api/p/northern-lights/tasks", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    }
  }, list);
}

/**
 * Where the board and its columns are: each column is scrolled into view
 * by the board's own scroll first, as a person would.
 */
function measureBoard() {
  const board = document.querySelector<HTMLElement>(".board")!;
  const box = board.getBoundingClientRect();
  const columns = [...board.querySelectorAll<HTMLElement>(".board-column")]
    .map((column) => {
      column.scrollIntoView({ block: "nearest", inline: "nearest" });
      const r = column.getBoundingClientRect();
      const inner = board.getBoundingClientRect();
      return {
        status: column.querySelector("ol")!.dataset.status,
        visible: r.left >= inner.left - 0.5 &&
          r.right <= inner.left + board.clientWidth + 0.5 &&
          r.left >= -0.5 && r.right <= innerWidth + 0.5,
      };
    });
  const todo = board.querySelector<HTMLElement>('ol[data-status="todo"]')!;
  return {
    pageWidth: document.documentElement.scrollWidth,
    innerWidth,
    room: innerHeight - document.querySelector(".topbar")!
      .getBoundingClientRect().height,
    boardHeight: box.height,
    /** Before anything scrolled: is the whole board in the window? */
    boardInWindow: box.bottom <= innerHeight,
    boardScrolls: board.scrollWidth > board.clientWidth,
    todoScrollsInside: todo.scrollHeight > todo.clientHeight,
    columns,
  };
}

/** Serious and critical axe-core violations inside `selector`. */
async function axeProblems(page: Page, selector: string): Promise<string[]> {
  const axe = await import("axe-core");
  await page.evaluate(axe.default.source);
  return await page.evaluate(async (selector) => {
    // deno-lint-ignore no-explicit-any
    const { violations } = await (globalThis as any).axe.run(selector, {
      resultTypes: ["violations"],
    });
    return violations
      .filter((v: { impact: string }) =>
        v.impact === "serious" || v.impact === "critical"
      )
      .map((v: { id: string }) => v.id);
  }, selector);
}

/** The title of the card that has focus, if a card (not a link) has it. */
const focusedCard = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.classList.contains("task-card")
      ? el.querySelector(".task-title")!.textContent
      : `not a card: ${el?.tagName} ${el?.className}`;
  });

/** Whether the element is wholly on screen and inside every scroller. */
const onScreen = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    const within = (c: DOMRect) =>
      r.left >= c.left - 0.5 && r.right <= c.right + 0.5 &&
      r.top >= c.top - 0.5 && r.bottom <= c.bottom + 0.5;
    const list = el.closest("ol")!.getBoundingClientRect();
    const board = el.closest(".board")!.getBoundingClientRect();
    const bar = document.querySelector(".topbar")!.getBoundingClientRect();
    return within(list) && within(board) &&
      within(new DOMRect(0, bar.bottom, innerWidth, innerHeight - bar.bottom));
  });

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
      const producer = await signIn(producerContext, origin, "producer", {
        path: "/tasks",
        online: true,
      });
      const crew = await signIn(crewContext, origin, "crew", {
        path: "/tasks",
        online: true,
      });
      const errors: string[] = [];
      for (const page of [producer, crew]) {
        watchErrors(page, errors);
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

      const crewId = await crew.evaluate(async () =>
        (await (await fetch("/api/auth/me")).json()).user.id as string
      );
      await createTasks(producer, [
        ...Array.from({ length: 12 }, (_, i) => ({
          title: `Call sheet day ${i + 1}`,
          assigneeId: crewId,
        })),
        { title: "Harbour master's permit", status: "blocked" },
        { title: "Wrap party venue", status: "done", assigneeId: crewId },
      ]);
      await producer.waitForSelector(cardIn("done", "Wrap party venue"));

      await t.step(
        "the board fits laptop widths and scrolls by itself, never the page",
        async () => {
          const sizes = [[1280, 800], [1366, 768], [1600, 900], [390, 844]];
          for (const [width, height] of sizes) {
            const context = await browser!.newContext({
              viewport: { width, height },
            });
            try {
              const page = await signIn(context, origin, "producer", {
                path: "/tasks",
                online: true,
              });
              const g = await page.evaluate(measureBoard);
              const at = `at ${width} px`;
              assert.ok(
                g.pageWidth <= g.innerWidth,
                `${at} the page overflows`,
              );
              assert.deepEqual(
                g.columns.filter((c) => !c.visible).map((c) => c.status),
                [],
                `${at} columns out of reach`,
              );
              // Laptops see all five columns at once.
              assert.equal(g.boardScrolls, width < 1280, at);
              // The board is never taller than the viewport under the top
              // bar, so its sideways scrollbar is on screen; a long column
              // scrolls inside.
              assert.ok(g.boardHeight <= g.room, `${at} ${g.boardHeight}`);
              // On a laptop it fills the rest of the window: no page scroll.
              if (width >= 1280) assert.ok(g.boardInWindow, at);
              assert.ok(g.todoScrollsInside, at);
            } finally {
              await context.close();
            }
          }
        },
      );

      await t.step(
        "keyboard on a phone: cards scroll into view, help shows, a held card stands out, Escape keeps focus",
        async () => {
          const context = await browser!.newContext({
            viewport: { width: 390, height: 844 },
          });
          try {
            const page = await signIn(context, origin, "producer", {
              path: "/tasks",
              online: true,
            });
            const done = cardIn("done", "Wrap party venue");
            // Tab from the Blocked card's link to the Done card, off screen.
            await page.focus(
              `${cardIn("blocked", "Harbour master's permit")} .task-title`,
            );
            assert.equal(await onScreen(page, done), false);
            await page.keyboard.press("Tab");
            assert.equal(await focusedCard(page), "Wrap party venue");
            assert.equal(await onScreen(page, done), true);
            const help = await page.$eval("#board-help", (el) => ({
              width: el.getBoundingClientRect().width,
              text: el.textContent,
            }));
            assert.ok(help.width > 100, `help is ${help.width} px wide`);
            assert.match(help.text!, /Space.*picks up.*Escape.*cancels/);

            const look = () =>
              page.$eval(".task-card:focus", (el) => {
                const s = getComputedStyle(el);
                return `${s.outlineStyle} ${s.backgroundColor} ${
                  el.querySelector(".grab-label")?.textContent ?? ""
                }`;
              });
            const focused = await look();
            await page.keyboard.press("Space");
            const held = await look();
            assert.notEqual(held, focused);
            assert.match(held, /Moving$/);
            assert.deepEqual(await axeProblems(page, ".board"), []);

            await page.keyboard.press("ArrowLeft");
            await page.keyboard.press("ArrowLeft");
            const moving = cardIn("review", "Wrap party venue");
            await page.waitForSelector(moving);
            assert.equal(await focusedCard(page), "Wrap party venue");
            assert.equal(await onScreen(page, moving), true);

            await page.keyboard.press("Escape");
            await page.waitForSelector(done);
            assert.equal(await focusedCard(page), "Wrap party venue");
            assert.equal(await onScreen(page, done), true);
            assert.equal(await page.$(".task-card.is-grabbed"), null);
          } finally {
            await context.close();
          }
        },
      );

      await t.step(
        "Enter on a card opens it: the dialog for management, the page for crew",
        async () => {
          const card = cardIn("done", "Wrap party venue");
          await producer.focus(`${card} .task-title`);
          await producer.keyboard.press("Shift+Tab");
          assert.equal(await focusedCard(producer), "Wrap party venue");
          await producer.keyboard.press("Enter");
          await producer.waitForSelector("dialog[open]");
          assert.equal(
            await producer.inputValue('dialog input[name="title"]'),
            "Wrap party venue",
          );
          await producer.keyboard.press("Escape");
          await producer.waitForSelector("dialog", { state: "detached" });
          assert.equal(await focusedCard(producer), "Wrap party venue");

          const context = await browser!.newContext({
            viewport: { width: 1366, height: 768 },
          });
          try {
            const page = await signIn(context, origin, "crew", {
              path: "/tasks",
              online: true,
            });
            await page.focus(`${card} .task-title`);
            await page.keyboard.press("Shift+Tab");
            assert.equal(await focusedCard(page), "Wrap party venue");
            await Promise.all([
              page.waitForURL(/\/p\/northern-lights\/tasks\/[^/]+$/),
              page.keyboard.press("Enter"),
            ]);
            assert.equal(await page.textContent("h1"), "Wrap party venue");
          } finally {
            await context.close();
          }
        },
      );

      await t.step(
        "a move that fails offline is undone, keeps focus, and its message goes when the connection is back",
        async () => {
          const context = await browser!.newContext({
            viewport: { width: 1366, height: 768 },
          });
          try {
            const page = await signIn(context, origin, "producer", {
              path: "/tasks",
              online: true,
            });
            const done = cardIn("done", "Wrap party venue");
            await context.setOffline(true);
            await page.waitForSelector('.conn[data-status="offline"]', {
              timeout: 5_000,
            });
            await page.focus(`${done} .task-title`);
            await page.keyboard.press("Shift+Tab");
            await page.keyboard.press("Space");
            await page.keyboard.press("ArrowLeft");
            await page.keyboard.press("Space");
            await page.waitForSelector(".board-notice", { timeout: 5_000 });
            assert.match(
              (await page.textContent(".board-notice"))!,
              /Could not move "Wrap party venue": the server could not be reached/,
            );
            await page.waitForSelector(done);
            assert.equal(await focusedCard(page), "Wrap party venue");

            await context.setOffline(false);
            await waitOnline(page, {
              timeout: 10_000,
            });
            await page.waitForSelector(".board-notice", {
              state: "detached",
              timeout: 5_000,
            });
          } finally {
            await context.close();
          }
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

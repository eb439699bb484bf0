/**
 * "Since you last looked" in Chromium, showing: the producer visits the
 * dashboard and each module page, others change something in every
 * module, and each page then shows its section at a laptop and a phone
 * size, light and dark, without sideways scrolling, without a serious or
 * critical axe-core violation and without a page error; on the task board
 * the card of a new task says "New" and the board stays in the window.
 * (The page walk never shows the section: nobody changes anything between
 * its visits.)
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { lastSeenKey } from "@/lib/last_seen/store.ts";
import type { LastSeenPage } from "@/lib/last_seen/shared.ts";
import { api, sessions } from "./helpers/api_client.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signedInState,
  watchErrors,
} from "./helpers/browser.ts";
import { createTestApp } from "./helpers/test_app.ts";
import { serveApp } from "./helpers/serve.ts";

const runBrowser = browserTestsEnabled();

const VARIANTS = [
  { name: "1366 light", width: 1366, height: 850, dark: false },
  { name: "1366 dark", width: 1366, height: 850, dark: true },
  { name: "390 light", width: 390, height: 844, dark: false },
  { name: "390 dark", width: 390, height: 844, dark: true },
] as const;

const BASE = "/p/northern-lights";
const PAGES: [LastSeenPage, string][] = [
  ["dashboard", BASE],
  ["tasks", `${BASE}/tasks`],
  ["budget", `${BASE}/budget`],
  ["script", `${BASE}/script`],
  ["vfx", `${BASE}/vfx`],
  ["assets", `${BASE}/assets`],
];

const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

/** Serious and critical axe-core violations on the page. */
async function axeProblems(page: Page): Promise<string[]> {
  const axe = await import("axe-core");
  if (!(await page.evaluate(() => "axe" in globalThis))) {
    await page.evaluate(axe.default.source);
  }
  return await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const { violations } = await (globalThis as any).axe.run(document, {
      resultTypes: ["violations"],
    });
    return violations
      .filter((v: { impact: string }) =>
        v.impact === "serious" || v.impact === "critical"
      )
      .map((v: { id: string; nodes: { target: string[] }[] }) =>
        `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" "))}`
      );
  });
}

Deno.test({
  name:
    "browser - since you last looked: every page shows what others changed, fits and is accessible",
  ignore: !runBrowser,
  async fn() {
    const app = await createTestApp(
      { wsHandshakesPerMinute: 10_000 },
      { moduleData: true },
    );
    const server = serveApp(app);
    const { origin } = server;
    const browser = await launchChromium();
    try {
      const s = await sessions(app);
      const state = await signedInState(browser, origin, "producer");
      const first = await browser.newContext({ storageState: state });
      const page = await first.newPage();
      for (const [, path] of PAGES) await page.goto(`${origin}${path}`);
      await first.close();
      // Each variant starts from these first visits.
      const kv = app.services.kv;
      const marks = new Map<LastSeenPage, unknown>();
      for (const [name] of PAGES) {
        const mark = (await kv.get(lastSeenKey(s.producer.id, name))).value;
        assert.ok(mark, `the first visit to ${name} set a mark`);
        marks.set(name, mark);
      }

      // Others change something in every module.
      const task = await api(app, s.prodmanager).post("/api/tasks", {
        title: "Storyboard the chase across the harbour bridge at night",
        assigneeId: s.crew.id,
      });
      assert.equal(task.status, 201);
      const budget = await api(app, s.prodmanager).get("/api/budget");
      const expense = await api(app, s.prodmanager).post(
        "/api/budget/expenses",
        {
          categoryId: budget.body.categories[0].id,
          description: "Crane hire",
          amountCents: 120_000,
          date: "2027-02-01",
        },
      );
      assert.equal(expense.status, 201);
      const [script] = (await api(app, s.director).get("/api/scripts")).body;
      const detail = await api(app, s.director).get(
        `/api/scripts/${script.id}`,
      );
      const scene = detail.body.scenes.find((sc: { status: string }) =>
        sc.status === "broken_down"
      );
      const approved = await api(app, s.director).patch(
        `/api/scripts/${script.id}/scenes/${scene.id}`,
        { status: "approved" },
      );
      assert.equal(approved.status, 200);
      const shot = await api(app, s.vfx).post("/api/vfx/shots", {
        code: "NL_990_0010",
        description: "Harbour bridge set extension",
        frameIn: 1001,
        frameOut: 1120,
      });
      assert.equal(shot.status, 201);
      const upload = await app.fetch(
        "/api/assets?name=storyboard_chase.png&category=storyboard",
        {
          method: "POST",
          headers: {
            authorization: `Bearer ${s.crew.token}`,
            "content-type": "image/png",
          },
          body: PNG,
        },
      );
      assert.equal(upload.status, 201);
      await upload.body?.cancel();

      const problems: string[] = [];
      for (const variant of VARIANTS) {
        const context = await browser.newContext({
          storageState: state,
          viewport: { width: variant.width, height: variant.height },
          colorScheme: variant.dark ? "dark" : "light",
        });
        try {
          const page = await context.newPage();
          const errors = watchErrors(page, [], { console: true });
          for (const [name, path] of PAGES) {
            const at = `${path} (${variant.name})`;
            await kv.set(lastSeenKey(s.producer.id, name), marks.get(name));
            const res = await page.goto(`${origin}${path}`);
            assert.equal(res?.status(), 200, at);
            const lines = await page.$$eval(
              ".since-last-looked .since-lines li",
              (items) =>
                items.filter((li) => (li as HTMLElement).offsetParent !== null)
                  .length,
            );
            if (lines === 0) problems.push(`${at}: no line shown`);
            const width = await page.evaluate(() => ({
              scroll: document.documentElement.scrollWidth,
              inner: globalThis.innerWidth,
            }));
            if (width.scroll > width.inner) {
              problems.push(`${at}: ${width.scroll} px wide`);
            }
            for (const p of await axeProblems(page)) {
              problems.push(`${at}: axe ${p}`);
            }
            if (name === "tasks") {
              const card = page.locator(
                `.task-card[data-task-id="${task.body.id}"] .since-new`,
              );
              if (await card.count() !== 1) {
                problems.push(`${at}: the new task's card is not marked`);
              }
              if (variant.width > 760) {
                // The board stays one window high with the notice above it.
                const bottom = await page.$eval(
                  ".board",
                  (b) => b.getBoundingClientRect().bottom,
                );
                if (bottom > variant.height) {
                  problems.push(`${at}: the board ends at ${bottom} px`);
                }
              }
            }
          }
          problems.push(...errors);
        } finally {
          await context.close();
        }
      }
      assert.deepEqual(problems, [], problems.join("\n"));
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

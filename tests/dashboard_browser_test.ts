/**
 * The dashboard and the shell's notices in Chromium: cards at their natural
 * height in two balanced stacks (one on a phone) for every role; urgent
 * announcements as banners that arrive live and stay dismissed on every
 * device; a page-level notice when the connection is lost (after a grace,
 * in a polite live region, gone when back); toasts that stay small, at the
 * bottom, clear of the top bar and the filters.
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
import { createTask, updateTask } from "@/lib/tasks/service.ts";
import { findMember } from "@/lib/team/members.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
  watchErrors,
} from "./helpers/browser.ts";
import { serveApp, type TestServer } from "./helpers/serve.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";

const runBrowser = browserTestsEnabled();
const ROLES = [
  "producer",
  "prodmanager",
  "director",
  "crew",
  "vfx",
  "distribution",
];

async function person(kv: Deno.Kv, username: string) {
  return (await findMember(kv, username))!;
}

/** A served app with some of everything, and a browser. */
async function rig(): Promise<
  { app: TestApp; server: TestServer; browser: Browser; origin: string }
> {
  const app = await createTestApp({}, { moduleData: true });
  const kv = app.services.kv;
  const producer = await person(kv, "producer");
  const crew = await person(kv, "crew");
  const task = await createTask(serviceContext(kv, producer), {
    title: "Lock the call sheet for day 12",
    description: "",
    status: "todo",
    priority: "high",
    assigneeId: crew.id,
    department: "Production",
    dueDate: null,
  });
  await updateTask(serviceContext(kv, crew), task.id, {
    status: "in_progress",
  });
  await announce(kv, producer, { message: "Lunch is at one", level: "info" });
  const server = serveApp(app);
  const browser = await launchChromium();
  return { app, server, browser, origin: server.origin };
}

Deno.test({
  name:
    "browser - dashboard cards at their natural height, in balanced stacks, for every role at 1366 and 390 px",
  ignore: !runBrowser,
  async fn(t) {
    const { server, browser, origin } = await rig();
    const errors: string[] = [];
    try {
      for (const role of ROLES) {
        await t.step(role, async () => {
          for (const width of [1366, 390]) {
            const context = await browser.newContext({
              viewport: { width, height: 900 },
            });
            const page = await signIn(context, origin, role, { online: true });
            watchErrors(page, errors);
            await page.waitForSelector(".presence-list");
            const m = await page.evaluate(() => {
              const box = (el: Element) => el.getBoundingClientRect();
              const cards = [...document.querySelectorAll("main .card")];
              // Space between a card's last child and its bottom padding.
              const slack = cards.map((card) => {
                const pad = parseFloat(getComputedStyle(card).paddingBottom);
                const last = card.lastElementChild!;
                return {
                  id: card.getAttribute("aria-labelledby") ?? card.className,
                  slack: box(card).bottom - pad - box(last).bottom,
                };
              });
              const stack = (sel: string) => {
                const kids = [...document.querySelectorAll(`${sel} .card`)];
                const el = document.querySelector(sel);
                return el && kids.length > 0
                  ? {
                    left: box(el).left,
                    top: box(el).top,
                    bottom: Math.max(...kids.map((k) => box(k).bottom)),
                  }
                  : null;
              };
              return {
                cards: cards.length,
                slack,
                main: stack(".dashboard-main"),
                side: stack(".dashboard-side"),
                scrollWidth: document.documentElement.scrollWidth,
              };
            });
            assert.ok(m.cards >= 4, `${role} ${width}: ${m.cards} cards`);
            for (const c of m.slack) {
              assert.ok(
                c.slack <= 4,
                `${role} ${width}: ${c.id} has ${c.slack}px empty inside`,
              );
            }
            assert.ok(m.scrollWidth <= width, `${role} ${width}: scrolls`);
            assert.ok(m.main && m.side, `${role} ${width}: two stacks`);
            if (width === 1366) {
              // Side by side, ending at about the same height.
              assert.ok(m.side.left > m.main.left);
              assert.equal(m.side.top, m.main.top);
              const tall = Math.max(m.main.bottom, m.side.bottom) - m.main.top;
              const gap = Math.abs(m.main.bottom - m.side.bottom);
              assert.ok(
                gap <= 0.35 * tall,
                `${role}: stacks end ${gap}px apart (of ${tall}px)`,
              );
            } else {
              // One column on a phone: the side stack follows the main one.
              assert.equal(m.side.left, m.main.left);
              assert.ok(m.side.top >= m.main.bottom);
            }
            await context.close();
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

Deno.test({
  name:
    "browser - an urgent announcement is a live banner until dismissed, and stays dismissed on every device",
  ignore: !runBrowser,
  async fn() {
    const { app, server, browser, origin } = await rig();
    const errors: string[] = [];
    try {
      const kv = app.services.kv;
      const laptop = await browser.newContext();
      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
      });
      const colleague = await browser.newContext();
      const tasks = await signIn(laptop, origin, "crew", {
        path: "/tasks",
        online: true,
      });
      // A second tab of the same browser.
      const team = await laptop.newPage();
      await team.goto(`${origin}/p/northern-lights/team`);
      await waitOnline(team);
      const mobile = await signIn(phone, origin, "crew", {
        path: "/assets",
        online: true,
      });
      const vfx = await signIn(colleague, origin, "vfx", { online: true });
      for (const p of [tasks, team, mobile, vfx]) watchErrors(p, errors);

      const manager = await person(kv, "prodmanager");
      const storm = await announce(kv, manager, {
        message: "Storm warning: exterior shoot cancelled Thursday",
        level: "urgent",
      });
      // On the page itself, not (only) in a passing toast.
      await tasks.waitForSelector('main :text("Storm warning: exterior")', {
        timeout: 10_000,
      });
      assert.equal(
        await tasks.getAttribute(".urgent-banners", "aria-live"),
        "assertive",
      );
      const banner = `.urgent-banner[data-announcement="${storm.id}"]`;
      for (const p of [tasks, team, mobile, vfx]) {
        await p.waitForSelector(banner);
        assert.match(
          (await p.textContent(banner))!,
          /Urgent\s*Marcus Obi · \d\d:\d\d\s*Storm warning: exterior shoot cancelled Thursday/,
        );
      }
      // Urgent is a banner, not also a toast.
      assert.equal(await tasks.locator(".toast-stack .toast").count(), 0);
      // The dashboard's list got it too.
      await vfx.waitForSelector(
        '.announcements li:has-text("Storm warning: exterior shoot")',
      );

      // Dismissed on the laptop: gone at once, focus in the page, and the
      // laptop's other tab follows.
      await tasks.click(`${banner} button:has-text("Dismiss")`);
      await tasks.waitForSelector(banner, { state: "detached" });
      assert.equal(
        await tasks.evaluate(() => document.activeElement?.id),
        "main",
      );
      await team.waitForSelector(banner, { state: "detached" });
      // Remembered by the server: not back after a reload, nor on the phone.
      await tasks.reload();
      await waitOnline(tasks);
      assert.equal(await tasks.locator(banner).count(), 0);
      await mobile.reload();
      await waitOnline(mobile);
      assert.equal(await mobile.locator(banner).count(), 0);
      // Still in the list; still a banner for the colleague.
      await tasks.goto(`${origin}/p/northern-lights/announcements`);
      assert.match(
        (await tasks.textContent(".announcements"))!,
        /Storm warning: exterior shoot cancelled Thursday/,
      );
      await vfx.reload();
      await vfx.waitForSelector(banner);
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

Deno.test({
  name:
    "browser - while disconnected the page says changes cannot be saved (after a grace), politely, until back online",
  ignore: !runBrowser,
  async fn() {
    const { server, browser, origin } = await rig();
    const errors: string[] = [];
    try {
      const context = await browser.newContext();
      const page = await signIn(context, origin, "producer", {
        path: "/budget",
        online: true,
      });
      watchErrors(page, errors);
      const slot = ".connection-banner-slot";
      // Record when the pill leaves "online" and when the banner appears.
      await page.evaluate(() => {
        const w = globalThis as unknown as Record<string, number>;
        new MutationObserver(() => {
          const pill = document.querySelector(".conn")!;
          if (!w.downAt && pill.getAttribute("data-status") !== "online") {
            w.downAt = performance.now();
          }
          if (!w.shownAt && document.querySelector(".connection-banner")) {
            w.shownAt = performance.now();
          }
        }).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
        });
      });

      await context.setOffline(true);
      await page.waitForSelector('main :text("cannot be saved")', {
        timeout: 10_000,
      });
      // Said in a polite live region that was there before the words.
      assert.equal(await page.getAttribute(slot, "role"), "status");
      assert.equal(await page.getAttribute(slot, "aria-live"), "polite");
      assert.equal(await page.locator(`${slot} .connection-banner`).count(), 1);
      const shown = await page.evaluate(() => {
        const w = globalThis as unknown as Record<string, number>;
        return w.shownAt - w.downAt;
      });
      assert.ok(shown >= 2_900, `shown ${shown} ms after going down`);
      assert.match(
        (await page.textContent(".connection-banner"))!,
        /You are offline\. Changes you make now cannot be saved/,
      );
      assert.ok(await page.isVisible(".connection-banner"));

      // Back: the banner goes, and screen readers hear it is over.
      await context.setOffline(false);
      await waitOnline(page, {
        timeout: 15_000,
      });
      await page.waitForSelector(".connection-banner", { state: "detached" });
      assert.match(
        (await page.textContent(slot))!,
        /Connection restored/,
      );
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

Deno.test({
  name:
    "browser - toasts stay few and small at the bottom, clear of the top bar and filters, and can be dismissed",
  ignore: !runBrowser,
  async fn() {
    const { app, server, browser, origin } = await rig();
    const errors: string[] = [];
    try {
      const producer = await person(app.services.kv, "producer");
      let n = 0;
      for (const width of [1366, 390]) {
        const height = width === 1366 ? 800 : 844;
        const context = await browser.newContext({
          viewport: { width, height },
        });
        const page = await signIn(context, origin, "crew", {
          path: "/tasks",
          online: true,
        });
        watchErrors(page, errors);
        for (let i = 0; i < 5; i++) {
          await announce(app.services.kv, producer, {
            message: `Update ${++n}: the unit moves to the harbour at ${
              10 + i
            }:00 and parking is on the quay`,
            level: "info",
          });
        }
        await page.waitForSelector(`.toast:has-text("Update ${n}:")`);
        const toasts = page.locator(".toasts .toast");
        assert.equal(await toasts.count(), 3, `${width}: three on show`);
        assert.match(
          (await page.textContent(".toast-more"))!,
          /2 earlier notifications/,
        );
        const layout = await page.evaluate(() => {
          const box = (el: Element | null) => el!.getBoundingClientRect();
          const stack = box(document.querySelector(".toasts"));
          const items = [...document.querySelectorAll(".toast-stack .toast")]
            .map(box);
          return {
            top: Math.min(...items.map((b) => b.top)),
            bottom: Math.max(...items.map((b) => b.bottom)),
            left: Math.min(...items.map((b) => b.left)),
            right: Math.max(...items.map((b) => b.right)),
            width: stack.width,
            topbar: box(document.querySelector(".topbar")).bottom,
            filters: box(document.querySelector("form.filters")),
          };
        });
        assert.ok(layout.bottom <= height, `${width}: inside the window`);
        assert.ok(layout.top > layout.topbar, `${width}: below the top bar`);
        assert.ok(
          layout.top >= layout.filters.bottom,
          `${width}: clear of the filters`,
        );
        assert.ok(
          layout.bottom - layout.top <= 0.45 * height,
          `${width}: ${layout.bottom - layout.top}px tall`,
        );
        if (width === 1366) {
          assert.ok(layout.width <= 352, `narrow: ${layout.width}px`);
          assert.ok(layout.right >= width - 24, "at the right edge");
        } else {
          assert.ok(layout.left >= 0 && layout.right <= width);
        }
        // Escape closes the newest; × closes one; Dismiss all the rest.
        await page.focus(".toast-stack .toast:last-child .toast-close");
        await page.keyboard.press("Escape");
        await page.waitForSelector(`.toast:has-text("Update ${n}:")`, {
          state: "detached",
        });
        assert.match(
          (await page.textContent(".toast-more"))!,
          /1 earlier notification(?!s)/,
        );
        await page.click(".toast-stack .toast:first-of-type .toast-close");
        await page.waitForSelector('.toast-more:not(:has-text("earlier"))');
        assert.equal(await toasts.count(), 3);
        await page.click('.toast-more button:has-text("Dismiss all")');
        await page.waitForSelector(".toast-stack .toast", {
          state: "detached",
        });
        await context.close();
      }
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

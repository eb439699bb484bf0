/**
 * The stripboard in two browsers (issue #14): the production manager adds
 * a day, drags a strip from the boneyard into it with the mouse, moves
 * another with the keyboard alone and cancels a third with Escape; the
 * director watches every change arrive, day totals included, without a
 * reload and without a single edit control. Then a stale op: the
 * producer removes the days the production manager is dropping into; the
 * refused move says so and every board converges. Phones: no sideways
 * scroll.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { formatEighths } from "@/lib/script/breakdown.ts";
import { getSchedule } from "@/lib/schedule/service.ts";
import type { Strip } from "@/lib/schedule/shared.ts";
import { serviceContext } from "@/lib/service.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { listMembers } from "@/lib/team/members.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
} from "./helpers/browser.ts";
import { withDeadline } from "./helpers/deadline.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, login } from "./helpers/test_app.ts";

const PATH = "/p/northern-lights/schedule";
const LIVE = '.sb > [role="status"][aria-live="assertive"]';

const strip = (key: string) => `.sb-strip[data-scene-key="${key}"]`;
const inDay = (day: number, key: string) =>
  `.sb-day:has(.sb-day-head[data-day="${day}"]) ${strip(key)}`;
const inBoneyard = (key: string) => `.sb-boneyard ${strip(key)}`;
const dayPages = (day: number) =>
  `.sb-day-head[data-day="${day}"] .sb-day-pages`;

/** Waits until the assertive live region says `text`. */
async function announced(page: Page, text: string | RegExp): Promise<void> {
  await page.waitForFunction(
    ([selector, source, flags]) => {
      const said = document.querySelector(selector)?.textContent ?? "";
      return new RegExp(source, flags).test(said);
    },
    [
      LIVE,
      typeof text === "string"
        ? text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        : text.source,
      typeof text === "string" ? "" : text.flags,
    ] as const,
  );
}

/** The scene key of the element with keyboard focus. */
const focusedKey = (page: Page) =>
  page.evaluate(() =>
    (document.activeElement as HTMLElement | null)?.dataset.sceneKey ?? null
  );

/** Pages of a day as the header prints them. */
const pagesText = (eighths: number) =>
  `${formatEighths(eighths)} ${
    formatEighths(eighths) === "1" ? "page" : "pages"
  }`;

Deno.test({
  name:
    "browser - the stripboard: mouse and keyboard moves by the production manager, live for the director; a stale op converges",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const app = await createTestApp({}, { moduleData: true, schedule: false });
    const server = serveApp(app);
    let browser: Browser | undefined;
    try {
      const kv = productionKv(app.services.store, PRODUCTION_ID);
      const pmMember = (await listMembers(kv)).find((m) =>
        m.role === "production_manager"
      )!;
      const view = await getSchedule(serviceContext(kv, pmMember));
      const [a, b, c, d] = view.board.boneyard.map((key) =>
        view.strips.find((s) => s.sceneKey === key)!
      ) as Strip[];

      browser = await launchChromium();
      const errors: string[] = [];
      const open = async (user: string, width = 1366) =>
        await signIn(
          await browser!.newContext({ viewport: { width, height: 900 } }),
          server.origin,
          user,
          { path: PATH, online: true, errors },
        );
      const pm = await open("prodmanager");
      const director = await open("director");

      await t.step(
        "the director reads the board without edit controls",
        async () => {
          await director.waitForSelector(inBoneyard(a.sceneKey));
          for (
            const control of ["Add day", "Move…", "Remove day", "Add banner"]
          ) {
            assert.equal(
              await director.locator(`.sb button:has-text("${control}")`)
                .count(),
              0,
              control,
            );
          }
          assert.equal(await director.locator(".sb-sort").count(), 0);
          assert.equal(
            await director.locator('.sb-strip[draggable="true"]').count(),
            0,
          );
          // Each strip links to its scene's breakdown page.
          assert.equal(
            await director.getAttribute(`${strip(a.sceneKey)} .sb-num`, "href"),
            `${
              PATH.replace("/schedule", "")
            }/script/${a.scriptId}/scenes/${a.sceneId}`,
          );
        },
      );

      await t.step(
        "the production manager adds a day; the director sees it",
        async () => {
          await pm.click('.sb button:has-text("Add day")');
          await pm.waitForSelector('.sb-day-head[data-day="0"]');
          await director.waitForSelector('.sb-day-head[data-day="0"]');
          assert.equal(await director.textContent(dayPages(0)), pagesText(0));
        },
      );

      await t.step(
        "a strip dragged from the boneyard into day 1 with the mouse",
        async () => {
          await pm.dragAndDrop(
            inBoneyard(a.sceneKey),
            '.sb-day:has(.sb-day-head[data-day="0"]) .sb-rows',
          );
          await pm.waitForSelector(inDay(0, a.sceneKey));
          await director.waitForSelector(inDay(0, a.sceneKey));
          await director.waitForFunction(
            ([selector, text]) =>
              document.querySelector(selector)?.textContent === text,
            [dayPages(0), pagesText(a.eighths)] as const,
          );
          assert.match(
            (await director.textContent(".sb-live"))!,
            new RegExp(`moved scene ${a.number} to day 1`),
          );
        },
      );

      await t.step(
        "another strip moved into day 1 with the keyboard alone",
        async () => {
          // b is first in the boneyard now: one step up is the end of day 1.
          await pm.focus(inBoneyard(b.sceneKey));
          await pm.keyboard.press("Space");
          await announced(pm, `Picked up scene ${b.number}`);
          await pm.keyboard.press("ArrowUp");
          await announced(pm, "Day 1, position 2 of 2.");
          await pm.waitForSelector(`${inDay(0, b.sceneKey)}.is-grabbed`);
          assert.equal(await focusedKey(pm), b.sceneKey, "focus stays on it");
          await pm.keyboard.press("Space");
          await announced(pm, `Moved scene ${b.number} to day 1, position 2.`);
          await pm.waitForSelector(`${inDay(0, b.sceneKey)}:not(.is-grabbed)`);
          assert.equal(await focusedKey(pm), b.sceneKey);
          await director.waitForSelector(inDay(0, b.sceneKey));
          await director.waitForFunction(
            ([selector, text]) =>
              document.querySelector(selector)?.textContent === text,
            [dayPages(0), pagesText(a.eighths + b.eighths)] as const,
          );
        },
      );

      await t.step(
        "Escape cancels a keyboard move and gives focus back",
        async () => {
          await pm.focus(inBoneyard(c.sceneKey));
          await pm.keyboard.press("Space");
          await pm.keyboard.press("ArrowUp");
          await pm.waitForSelector(`${inDay(0, c.sceneKey)}.is-grabbed`);
          await pm.keyboard.press("Escape");
          await announced(pm, `Move of scene ${c.number} cancelled.`);
          await pm.waitForSelector(
            `${inBoneyard(c.sceneKey)}:not(.is-grabbed)`,
          );
          assert.equal(await focusedKey(pm), c.sceneKey);
          assert.equal(await director.locator(inDay(0, c.sceneKey)).count(), 0);
        },
      );

      await t.step(
        "a stale op is refused, said, and every board converges",
        async () => {
          const producer = await open("producer");
          producer.on("dialog", (dialog) => void dialog.accept());
          await pm.click('.sb button:has-text("Add day")');
          await pm.click('.sb button:has-text("Add day")');
          for (const page of [pm, producer, director]) {
            await page.waitForSelector('.sb-day-head[data-day="2"]');
          }
          // The production manager's drop into day 3 is slow to arrive…
          let release!: () => void;
          const held = new Promise<void>((resolve) => release = resolve);
          let sent!: () => void;
          const posted = new Promise<void>((resolve) => sent = resolve);
          await pm.route("**/schedule/ops", async (route) => {
            sent();
            await held;
            await route.continue();
          }, { times: 1 });
          await pm.click(`${strip(d.sceneKey)} button:has-text("Move…")`);
          await pm.selectOption("#move-dest", "3");
          await pm.click('.task-dialog button[type="submit"]');
          await pm.waitForSelector(inDay(2, d.sceneKey));
          await withDeadline(posted, 10_000, "the drop to be posted");
          // …while the producer removes days 3 and 2.
          await producer.click(
            '.sb-day-head[data-day="2"] button:has-text("Remove day")',
          );
          await producer.waitForSelector('.sb-day-head[data-day="2"]', {
            state: "detached",
          });
          await producer.click(
            '.sb-day-head[data-day="1"] button:has-text("Remove day")',
          );
          await producer.waitForSelector('.sb-day-head[data-day="1"]', {
            state: "detached",
          });
          // The production manager's board already shows their change.
          await pm.waitForSelector('.sb-day-head[data-day="1"]', {
            state: "detached",
          });
          release();
          await pm.waitForSelector(
            '.board-notice:has-text("Someone else moved that strip meanwhile")',
          );
          await pm.waitForSelector(inBoneyard(d.sceneKey));
          const plan = (page: Page) =>
            page.evaluate(() =>
              [...document.querySelectorAll(".sb-day")].map((day) =>
                [...day.querySelectorAll<HTMLElement>(".sb-strip")].map((s) =>
                  s.dataset.sceneKey
                )
              )
            );
          const expected = [[a.sceneKey, b.sceneKey]];
          assert.deepEqual(await plan(pm), expected);
          await director.waitForSelector('.sb-day-head[data-day="1"]', {
            state: "detached",
          });
          assert.deepEqual(await plan(director), expected);
          assert.deepEqual(await plan(producer), expected);
        },
      );

      await t.step(
        "on a phone the board does not scroll sideways",
        async () => {
          const phone = await open("director", 390);
          await phone.waitForSelector(inDay(0, a.sceneKey));
          assert.ok(
            await phone.evaluate(() =>
              document.documentElement.scrollWidth <= innerWidth
            ),
          );
        },
      );
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      // Closes the app too.
      await server.close();
    }
  },
});

Deno.test("schedule page - who may open the stripboard, the empty state without a script", async () => {
  const app = await createTestApp();
  try {
    const page = async (user: string, path = PATH) => {
      const { cookie } = await login(app, user);
      const res = await app.fetch(path, { headers: { cookie } });
      return { status: res.status, html: await res.text() };
    };
    assert.equal((await page("distribution")).status, 403);
    const director = await page("director");
    assert.equal(director.status, 200);
    assert.match(director.html, /No script yet/);
    assert.doesNotMatch(director.html, /Add day/);
    const pm = await page("prodmanager");
    assert.equal(pm.status, 200);
    assert.match(pm.html, /aria-current="page">Stripboard</);
    assert.equal(
      (await page("prodmanager", `${PATH}?version=nope`)).status,
      404,
    );
  } finally {
    await app.close();
  }
});

/**
 * Productions in Chromium, as issue #12's "Done means" tries them: the
 * producer creates a production on /admin and adds `crew` and `vfx` from
 * its Team page while both watch their home page, where its card appears
 * live with their role; `crew` works in two productions in two tabs and
 * each tab hears only its own production, also after switching with the
 * shell's switcher; `distribution` finds no trace of a production it is
 * not in; an old address leads into the most recent production. Waits
 * are for the page or its socket, each bounded.
 */
import assert from "node:assert/strict";
import type { Browser, Page, WebSocket } from "playwright-core";
import { api, sessionOf } from "./helpers/api_client.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
  watchErrors,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";
import {
  apiIn,
  type DemoProduction,
  FILM,
  SERIES,
} from "./helpers/two_productions.ts";

const runBrowser = browserTestsEnabled();

/** "Within a few seconds": how long a live change may take to show. */
const LIVE_MS = 5_000;

interface Rig {
  app: TestApp;
  browser: Browser;
  origin: string;
  /** Uncaught errors of the pages a test watches. */
  errors: string[];
}

/**
 * The demo app with its sample data, served, and a browser, for `fn`; no
 * page errors allowed.
 */
async function withRig(fn: (rig: Rig) => Promise<void>): Promise<void> {
  const app = await createTestApp({}, { moduleData: true });
  const server = serveApp(app);
  const rig: Rig = {
    app,
    browser: await launchChromium(),
    origin: server.origin,
    errors: [],
  };
  try {
    await fn(rig);
    assert.deepEqual(rig.errors, []);
  } finally {
    await closeBrowser(rig.browser);
    await server.close();
  }
}

/** Signs `username` in on a browser context of its own, landing on `path`. */
async function open(rig: Rig, username: string, path: string): Promise<Page> {
  const context = await rig.browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await signIn(context, rig.origin, username, { path });
  watchErrors(page, rig.errors);
  return page;
}

/** Resolves with the page's next socket of production `slug`. */
function socketOf(page: Page, slug: string): Promise<WebSocket> {
  return page.waitForEvent("websocket", {
    predicate: (ws) => ws.url().endsWith(`/api/ws?production=${slug}`),
    timeout: 10_000,
  });
}

/** Resolves once `ws` receives a frame that contains `text`. */
function frameAbout(ws: WebSocket, text: string): Promise<unknown> {
  return ws.waitForEvent("framereceived", {
    predicate: (f) => String(f.payload).includes(text),
    timeout: LIVE_MS,
  });
}

/** Opens `path` of production `p` on `page`; resolves with its live socket. */
async function visit(
  page: Page,
  rig: Rig,
  p: DemoProduction,
  path: string,
): Promise<WebSocket> {
  const [ws] = await Promise.all([
    socketOf(page, p.slug),
    page.goto(`${rig.origin}/p/${p.slug}${path}`),
  ]);
  await waitOnline(page);
  return ws;
}

/** The titles on a task board, in board order. */
const boardTitles = (page: Page) =>
  page.locator(".board .task-card .task-title").allTextContents();

const card = (page: Page, title: string) =>
  page.locator(`.board .task-card:has(.task-title:text-is("${title}"))`);

Deno.test({
  name:
    "browser - a new production's card appears live on the home page of each person added, with their role",
  ignore: !runBrowser,
  async fn() {
    await withRig(async (rig) => {
      const homes = {
        crew: await open(rig, "crew", "/"),
        vfx: await open(rig, "vfx", "/"),
      };
      for (const home of Object.values(homes)) {
        await waitOnline(home);
        // Gone after a reload: what follows must arrive without one.
        await home.evaluate(() => Object.assign(globalThis, { stayed: true }));
      }

      const producer = await open(rig, "producer", "/admin");
      const form = producer.locator(
        'section[aria-labelledby="new-production-title"]',
      );
      await form.getByLabel("Name", { exact: true }).fill("Harbour Nights");
      await form.getByLabel("Kind").selectOption({ label: "Series" });
      await form.getByLabel("Start date").fill("2027-09-06");
      await form.getByLabel("Wrap date").fill("2027-10-29");
      await Promise.all([
        producer.waitForURL(/\/admin\?done=production_created&slug=/),
        form.getByRole("button", { name: "Create production" }).click(),
      ]);
      const slug = new URL(producer.url()).searchParams.get("slug")!;
      assert.equal(slug, "harbour-nights");

      // Into the new production and its Team page, through the links.
      await Promise.all([
        producer.waitForURL(`${rig.origin}/p/${slug}`),
        producer.getByRole("link", { name: "Open it" }).click(),
      ]);
      await Promise.all([
        producer.waitForURL(`${rig.origin}/p/${slug}/team`),
        producer.locator("#sidebar").getByRole("link", { name: "Team" })
          .click(),
      ]);
      const add = async (username: string, role: string) => {
        const join = producer.locator('section[aria-labelledby="join-title"]');
        await join.getByLabel("Their username").fill(username);
        await join.getByLabel("Role").selectOption({ label: role });
        await Promise.all([
          producer.waitForURL(`${rig.origin}/p/${slug}/team?done=joined`),
          join.getByRole("button", { name: "Add to the production" }).click(),
        ]);
      };
      const newCard = (page: Page) =>
        page.locator(`.production-card[data-production="${slug}"]`);

      await add("crew", "Crew");
      await newCard(homes.crew).waitFor({ timeout: LIVE_MS });
      // Not yet for vfx, who is not a member yet.
      assert.equal(await newCard(homes.vfx).count(), 0);
      await add("vfx", "VFX");
      await newCard(homes.vfx).waitFor({ timeout: LIVE_MS });

      for (const [who, role] of [["crew", "Crew"], ["vfx", "VFX"]] as const) {
        const home = homes[who];
        const c = newCard(home);
        assert.equal(await c.locator("h2").textContent(), "Harbour Nights");
        assert.equal(
          await c.locator('.badge[title="Your role here"]').textContent(),
          role,
        );
        assert.equal(await home.evaluate(() => "stayed" in globalThis), true);
        // Their other productions are still there.
        assert.equal(await home.locator(".production-card").count(), 3);
      }
    });
  },
});

Deno.test({
  name:
    "browser - crew in two productions in two tabs sees each production's changes only in its tab, and the switcher moves a tab's socket",
  ignore: !runBrowser,
  async fn() {
    await withRig(async (rig) => {
      const { app } = rig;
      const producer = api(app, await sessionOf(app, "producer"));
      const crewId = (await sessionOf(app, "crew")).id;
      let n = 0;
      /** A task for crew in `p`, created by the producer over the API. */
      const task = async (
        p: DemoProduction,
        title = `${p.slug} task ${++n}`,
      ) => {
        const res = await producer.post(apiIn(p, "/tasks"), {
          title,
          assigneeId: crewId,
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id as string, title };
      };

      const film = await open(rig, "crew", "/");
      const filmWs = await visit(film, rig, FILM, "/tasks");
      const series = await film.context().newPage();
      watchErrors(series, rig.errors);
      const seriesWs = await visit(series, rig, SERIES, "/tasks");
      const filmFrames: string[] = [];
      filmWs.on("framereceived", (f) => filmFrames.push(String(f.payload)));

      // Every card added to the film's board from now on, even briefly.
      await film.evaluate(() => {
        const added: string[] = [];
        Object.assign(globalThis, { added });
        new MutationObserver((records) => {
          for (const node of records.flatMap((r) => [...r.addedNodes])) {
            if (!(node instanceof Element)) continue;
            const cards = node.matches(".task-card")
              ? [node]
              : [...node.querySelectorAll(".task-card")];
            for (const c of cards) {
              added.push(c.querySelector(".task-title")!.textContent!);
            }
          }
        }).observe(document.querySelector(".board")!, {
          childList: true,
          subtree: true,
        });
      });
      const filmBefore = await boardTitles(film);
      const seriesBefore = await boardTitles(series);

      const inSeries = await task(SERIES);
      await card(series, inSeries.title).waitFor({ timeout: LIVE_MS });
      // Then one in the film: once the film's tab shows it, the series'
      // task (written before it) would have arrived there too.
      const inFilm = await task(FILM);
      await card(film, inFilm.title).waitFor({ timeout: LIVE_MS });
      assert.deepEqual(
        (await boardTitles(film)).toSorted(),
        [...filmBefore, inFilm.title].toSorted(),
      );
      assert.deepEqual(
        await film.evaluate(() => (globalThis as { added?: string[] }).added),
        [inFilm.title],
      );
      assert.ok(filmFrames.some((f) => f.includes(inFilm.id)));
      assert.ok(!filmFrames.some((f) => f.includes(inSeries.id)));
      // And the other way round, behind a second series task.
      const again = await task(SERIES);
      await card(series, again.title).waitFor({ timeout: LIVE_MS });
      assert.deepEqual(
        (await boardTitles(series)).toSorted(),
        [...seriesBefore, inSeries.title, again.title].toSorted(),
      );
      assert.equal(await card(series, inFilm.title).count(), 0);

      // The film's tab switches to the series: its dashboard, its socket.
      const switched = socketOf(film, SERIES.slug);
      await film.locator(".switcher-button").click();
      await Promise.all([
        film.waitForURL(`${rig.origin}/p/${SERIES.slug}`),
        film.locator(".switcher-menu").getByRole("link", {
          name: SERIES.title,
        }).click(),
      ]);
      const ws = await switched;
      await waitOnline(film);
      assert.equal(
        await film.locator(".switcher-title").textContent(),
        SERIES.title,
      );
      assert.equal(
        await film.locator(".topbar .role-badge").textContent(),
        "Production manager",
      );
      // Both of the series' tabs hear its next task (waits set up first).
      const next = `${SERIES.slug} task after the switch`;
      await Promise.all([
        frameAbout(ws, next),
        frameAbout(seriesWs, next),
        task(SERIES, next),
      ]);
    });
  },
});

Deno.test({
  name:
    "browser - distribution cannot find a production it is not in: not on its home page, a 404 at its addresses",
  ignore: !runBrowser,
  async fn() {
    await withRig(async (rig) => {
      const page = await open(rig, "distribution", "/");
      assert.deepEqual(
        await page.locator(".production-card h2").allTextContents(),
        [FILM.title],
      );
      for (const path of ["", "/tasks"]) {
        const res = await page.goto(`${rig.origin}/p/${SERIES.slug}${path}`);
        assert.equal(res?.status(), 404, path);
        assert.equal(await page.locator(".error-code").textContent(), "404");
        assert.equal(
          await page.locator("#error-title").textContent(),
          "Page not found",
        );
        // Nothing on the page names it.
        assert.doesNotMatch(
          (await page.locator("body").textContent())!,
          /Saltwater/,
        );
      }
    });
  },
});

Deno.test({
  name:
    "browser - an old address leads to that page of the production opened last",
  ignore: !runBrowser,
  async fn() {
    await withRig(async (rig) => {
      const page = await open(rig, "crew", "/");
      for (const p of [FILM, SERIES, FILM]) {
        await page.goto(`${rig.origin}/p/${p.slug}`);
        await page.goto(`${rig.origin}/tasks`);
        assert.equal(page.url(), `${rig.origin}/p/${p.slug}/tasks`);
        await page.locator(".board").waitFor();
      }
    });
  },
});

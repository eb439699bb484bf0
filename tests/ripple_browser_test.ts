/**
 * Issue #13's "done means", in browsers: the director imports a revised
 * draft in which scene 12 changes and scene 19 is omitted; the VFX
 * artist's inbox gets the two shots of scene 12 and the production
 * manager's the budget line linked to scene 19 within a second; the
 * script-changes view counts them in three browsers, and resolving a flag
 * in one updates the others live — the line's own page and its budget row
 * included.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { synthetic } from "@/lib/script/testing.ts";
import { api, sessions } from "./helpers/api_client.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  waitOnline,
  watchErrors,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, DEMO_SLUG, type TestApp } from "./helpers/test_app.ts";

const inFilm = (path: string) => `/api/p/${DEMO_SLUG}${path.slice(4)}`;
const LIVE = { timeout: 5_000 };

/** 20 numbered scenes; the revision rewrites 12 and cuts 19. */
const FIRST = `Title: Ripple Light\n\n${synthetic(20)}`;
const REVISED = `Title: Ripple Light\n\n${
  synthetic(20, (i, s) =>
    i === 18
      ? ""
      : i === 11
      ? s.replace("Glass is falling.", "Glass is rising fast.")
      : s)
}`;

Deno.test({
  name:
    "browser - a revised draft reaches the owners' inboxes and the script-changes view, live",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    let browser: Browser | undefined;
    try {
      const s = await sessions(app);
      const director = api(app, s.director);
      const created = await director.post("/api/scripts", {
        title: "Ripple Light",
        source: FIRST,
      });
      assert.equal(created.status, 201);
      const scriptId = created.body.script.id;
      const key = (n: string) =>
        created.body.scenes.find((x: { number: string }) => x.number === n).key;
      const vfx = api(app, s.vfx);
      for (const code of ["RL_120_0010", "RL_120_0020"]) {
        const shot = await vfx.post("/api/vfx/shots", {
          code,
          sceneKey: key("12"),
          frameIn: 1001,
          frameOut: 1050,
          assigneeId: s.vfx.id,
        });
        assert.equal(shot.status, 201, JSON.stringify(shot.body));
      }
      const pm = api(app, s.prodmanager);
      const [line] = (await pm.get("/api/budget")).body.categories;
      const linked = await pm.post(inFilm("/api/links"), {
        from: `budget_category:${line.id}`,
        to: `scene:${key("19")}`,
      });
      assert.equal(linked.status, 201, JSON.stringify(linked.body));

      browser = await launchChromium();
      const errors: string[] = [];
      const open = async (username: string): Promise<Page> => {
        const context = await browser!.newContext({
          viewport: { width: 1366, height: 900 },
        });
        const page = await signIn(context, server.origin, username, {
          path: `/p/${DEMO_SLUG}/ripple`,
        });
        watchErrors(page, errors);
        await waitOnline(page);
        return page;
      };
      const [producerPage, vfxPage, pmPage] = [
        await open("producer"),
        await open("vfx"),
        await open("prodmanager"),
      ];

      await t.step(
        "the import flags the shots and the budget line for their owners within a second",
        async () => {
          const started = Date.now();
          const imported = await director.post(
            `/api/scripts/${scriptId}/versions`,
            { source: REVISED },
          );
          assert.equal(imported.status, 201);
          const inboxOf = async (who: typeof s.vfx) =>
            (await api(app, who).get(inFilm("/api/inbox"))).body.items
              .filter((i: { kind: string }) => i.kind === "ripple");
          const [artist] = await inboxOf(s.vfx);
          assert.match(artist.title, /scene 12: 2 shots to review/);
          assert.match(artist.body, /RL_120_0010/);
          assert.match(artist.body, /RL_120_0020/);
          const [office] = await inboxOf(s.prodmanager);
          // The office also writes the script: the cut scene's elements are theirs.
          assert.match(
            office.title,
            /scene 19: 1 budget line, 3 elements to review/,
          );
          assert.match(office.body, new RegExp(line.name));
          // The views update live: the artist's two shots, the office's line.
          await vfxPage.getByText("RL_120_0010").waitFor(LIVE);
          await vfxPage.getByText("RL_120_0020").waitFor(LIVE);
          await pmPage.getByRole("button", { name: /Mine to review \(4\)/ })
            .waitFor(LIVE);
          await producerPage.getByText(
            /Draft 2 changed 2 scenes: 2 shots, 1 budget line, 3 elements/,
          ).first().waitFor(LIVE);
          console.log(
            `  flags on three screens ${
              Date.now() - started
            } ms after the import`,
          );
        },
      );

      // The producer also has the line's own page and the budget open.
      const recordPage = await open("producer");
      await recordPage.goto(
        `${server.origin}/p/${DEMO_SLUG}/records/budget_category/${line.id}`,
      );
      await waitOnline(recordPage);
      const budgetPage = await open("producer");
      await budgetPage.goto(`${server.origin}/p/${DEMO_SLUG}/budget`);
      await waitOnline(budgetPage);
      const lineRow = budgetPage.locator(`tr[data-category-id="${line.id}"]`);
      await t.step(
        "the flagged line says so on its page and its budget row",
        async () => {
          await recordPage.locator(".record-flag", { hasText: "Scene 19" })
            .waitFor(LIVE);
          await lineRow.getByText("Script changed").waitFor(LIVE);
        },
      );

      await t.step(
        "the production manager dismisses the line's flag; the producer sees it live",
        async () => {
          const card = pmPage.locator(".flag-card", { hasText: line.name });
          await card.getByLabel("Note").fill("Budget moves to scene 20");
          await card.getByRole("button", { name: "Dismiss" }).click();
          await producerPage.getByText(
            /Draft 2 changed 2 scenes: 2 shots, 3 elements to review/,
          ).first().waitFor(LIVE);
          await pmPage.getByRole("button", { name: /Mine to review \(3\)/ })
            .waitFor(LIVE);
          // Resolved: gone from the line's page and its row, live.
          await recordPage.locator(".record-flag").waitFor({
            ...LIVE,
            state: "detached",
          });
          await lineRow.getByText("Script changed").waitFor({
            ...LIVE,
            state: "detached",
          });
        },
      );
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
      await app.close();
    }
  },
});

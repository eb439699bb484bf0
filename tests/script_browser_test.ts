/**
 * The script pages in two browsers side by side: the director imports a
 * pasted Fountain script and the producer's library shows it at once; both
 * open it, the director approves a scene on its breakdown sheet and the
 * producer's scene list shows it live; a new draft from a file brings the
 * producer a banner. The distribution manager gets a 403.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Browser } from "playwright-core";
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

const SOURCE = `Title: Harbour Lights

INT. HARBOUR OFFICE - NIGHT #1#

A desk lamp. Charts pinned to every wall.

ELLA
(whispering)
Is anyone still here?

EXT. QUAY - NIGHT #2#

Waves slap against the stones. BRAM coils a rope.

BRAM
Go home, Ella.

CUT TO:

INT. LIGHTHOUSE - STAIRS - DAWN #3#

Margit climbs, counting the steps.
`;

const LIVE = { timeout: 2_000 };

Deno.test({
  name: "browser - script import and breakdown approval live in two browsers",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    const origin = server.origin;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const contexts = await Promise.all(
        [0, 1].map(() =>
          browser!.newContext({ viewport: { width: 1400, height: 900 } })
        ),
      );
      const director = await signIn(contexts[0], origin, "director", {
        path: "/script",
      });
      const producer = await signIn(contexts[1], origin, "producer", {
        path: "/script",
      });
      const errors: string[] = [];
      for (const page of [director, producer]) {
        watchErrors(page, errors);
        await waitOnline(page);
      }
      await producer.waitForSelector('.script-table a:text-is("Salt Light")');

      let scriptUrl = "";
      await t.step(
        "the director imports pasted Fountain; the producer's list shows it",
        async () => {
          // A refusal is shown next to the form.
          await director.fill(
            'form[aria-label="Import a script"] textarea[name="source"]',
            "Just a note, no scenes.",
          );
          await director.click('button:text-is("Import script")');
          await director.waitForSelector(
            'form[aria-label="Import a script"] .form-error >> text=No scene headings found',
          );
          await director.fill('input[name="title"]', "Harbour Lights");
          await director.fill(
            'form[aria-label="Import a script"] textarea[name="source"]',
            SOURCE,
          );
          await director.click('button:text-is("Import script")');
          await director.waitForSelector(
            ".notice >> text=Imported “Harbour Lights”: 3 scenes.",
          );
          await producer.waitForSelector(
            '.script-table a:text-is("Harbour Lights")',
            LIVE,
          );
          const row = producer.locator(
            '.script-table tr:has(a:text-is("Harbour Lights"))',
          );
          assert.equal(
            await row.locator('[data-cell="scenes"]').textContent(),
            "3",
          );
          // The form is empty again for the next import.
          assert.equal(await director.inputValue('input[name="title"]'), "");
        },
      );

      await t.step("both open the new script's view", async () => {
        await director.click("text=Open the script");
        await director.waitForSelector("h1:text-is('Harbour Lights')");
        scriptUrl = director.url();
        // The import's link stays in the production.
        assert.match(
          new URL(scriptUrl).pathname,
          /^\/p\/northern-lights\/script\/[\w-]+$/,
        );
        await producer.click('.script-table a:text-is("Harbour Lights")');
        await producer.waitForURL(scriptUrl);
        for (const page of [director, producer]) {
          await waitOnline(page);
          assert.equal(await page.locator(".scene-table tbody tr").count(), 3);
        }
        assert.match(
          (await producer.textContent(".scene-table tbody tr"))!,
          /INT\. HARBOUR OFFICE - NIGHT.*ELLA.*Draft/,
        );
      });

      await t.step(
        "the director approves a scene; the producer's list shows Approved",
        async () => {
          await director.click('.scene-table a:text-is("EXT. QUAY - NIGHT")');
          await director.waitForSelector("h1:has-text('EXT. QUAY - NIGHT')");
          await waitOnline(director);
          const sceneId = director.url().split("/").pop()!;
          const status =
            `.scene-table tr[data-scene-id="${sceneId}"] .status-pill`;
          // Tag a prop, then mark it broken down and approve it.
          await director.fill("#add-props", "Coil of rope");
          await director.click(
            '.bd-category[data-category="props"] button:text-is("Add")',
          );
          await director.waitForSelector(
            '.bd-category[data-category="props"] .bd-tag:has-text("Coil of rope")',
          );
          await director.click('button:text-is("Mark broken down")');
          await producer.waitForSelector(
            `${status}[data-status="broken_down"]`,
            LIVE,
          );
          await director.click('button:text-is("Approve")');
          await director.waitForSelector(
            '.sheet-status .status-pill[data-status="approved"]',
          );
          await producer.waitForSelector(
            `${status}[data-status="approved"]:text-is("Approved")`,
            LIVE,
          );
          assert.match(
            (await producer.textContent(".scene-counts"))!,
            /1 approved/,
          );
          // Approved breakdowns are locked: no tag controls any more.
          assert.equal(await director.locator("#add-props").count(), 0);
        },
      );

      await t.step(
        "notes: the producer sees the director typing, then the notes",
        async () => {
          await producer.click('.scene-table a:text-is("EXT. QUAY - NIGHT")');
          await producer.waitForSelector("h1:has-text('EXT. QUAY - NIGHT')");
          await waitOnline(producer);
          await director.click("#scene-notes");
          await director.keyboard.type("Night exterior: rain towers.");
          await producer.waitForSelector(
            ".typing-note >> text=Dana Kowalski is typing notes",
            LIVE,
          );
          await director.click('button:text-is("Save notes")');
          await director.waitForSelector(".notice >> text=Notes saved.");
          await producer.waitForFunction(
            () =>
              (document.querySelector("#scene-notes") as HTMLTextAreaElement)
                ?.value === "Night exterior: rain towers.",
            undefined,
            LIVE,
          );
          await producer.goto(scriptUrl);
          await waitOnline(producer);
        },
      );

      await t.step(
        "a new draft from a file brings the producer a banner",
        async () => {
          await director.goto(scriptUrl);
          await waitOnline(director);
          await director.click(".script-draft-card summary");
          await director.setInputFiles('input[name="file"]', {
            name: "harbour-v2.fountain",
            mimeType: "text/plain",
            buffer: Buffer.from(
              SOURCE.replace("Go home, Ella.", "Go home, Ella. Now."),
            ),
          });
          await director.click('button:text-is("Import new draft")');
          await director.waitForSelector(
            ".notice >> text=Draft 2 of “Harbour Lights” imported",
          );
          await producer.waitForSelector(
            ".script-banner >> text=A new draft (draft 2) was imported",
            LIVE,
          );
          await producer.click(".script-banner a");
          await producer.waitForSelector("text=Draft 2 (current)");
          await producer.waitForSelector('[data-change="review"]');
        },
      );

      await t.step("the distribution manager gets a 403", async () => {
        const context = await browser!.newContext();
        const page = await context.newPage();
        await page.goto(`${origin}/login?next=/`);
        await page.fill('input[name="username"]', "distribution");
        await page.fill('input[name="password"]', "password123");
        await Promise.all([
          page.waitForURL(`${origin}/`),
          page.click('button[type="submit"]'),
        ]);
        const res = await page.goto(`${origin}/p/northern-lights/script`);
        assert.equal(res?.status(), 403);
        await context.close();
      });

      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

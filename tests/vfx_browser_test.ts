/**
 * The VFX pages in browsers side by side: the VFX artist and the director
 * on the same shot page while the producer watches the shot table. The
 * artist submits a version and the director's page shows it pending review
 * without a reload; what the director types survives live updates; the
 * director approves and the artist's page shows it approved; the artist
 * creates a shot and the producer's table gains the row.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { shots } from "@/lib/vfx/store.ts";
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

/** Live updates must arrive within this long. */
const LIVE = { timeout: 2_000 };

const headerStatus = (status: string) =>
  `.shot-title .status-pill[data-status="${status}"]`;
const tableRow = (id: string, status: string) =>
  `tr.shot-row[data-shot-id="${id}"][data-status="${status}"]`;

const NOTES = "Ocean v2: longer swell, foam streaking with the wind.";

Deno.test({
  name: "browser - a shot's review live in two browsers, and the shot table",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    const origin = server.origin;
    const [shot] = await shots.findBy(app.services.kv, "code", "NL_030_0010");
    assert.equal(shot.status, "in_progress");
    const path = `/vfx/${shot.id}`;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const viewport = { width: 1400, height: 900 };
      const artist = await signIn(
        await browser.newContext({ viewport }),
        origin,
        "vfx",
        { path, online: true },
      );
      const director = await signIn(
        await browser.newContext({ viewport }),
        origin,
        "director",
        { path, online: true },
      );
      const producer = await signIn(
        await browser.newContext({ viewport }),
        origin,
        "producer",
        { path: "/vfx", online: true },
      );
      const errors: string[] = [];
      const navigations: string[] = [];
      for (const page of [artist, director, producer]) {
        watchErrors(page, errors);
      }
      for (const page of [artist, director]) {
        page.on("framenavigated", (frame) => {
          if (frame === page.mainFrame()) navigations.push(frame.url());
        });
      }

      await t.step("both start from the shot in progress", async () => {
        for (const page of [artist, director]) {
          await page.waitForSelector(
            `${headerStatus("in_progress")}:text-is("In progress")`,
          );
          await page.waitForSelector('li#v1[data-review="request_changes"]');
        }
        await artist.waitForSelector("#submit-notes");
        assert.equal(await director.locator("#submit-notes").count(), 0);
        assert.equal(await director.locator("#review-note").count(), 0);
        await producer.waitForSelector(tableRow(shot.id, "in_progress"));
      });

      await t.step(
        "the artist submits v2; the director sees it pending review, live",
        async () => {
          await artist.fill("#submit-notes", NOTES);
          await artist.click('button:text-is("Submit v2 for review")');
          await artist.waitForSelector(
            '.notice:text-is("Submitted v2: the shot is pending review.")',
          );
          await artist.waitForSelector(headerStatus("pending_review"));
          await artist.waitForSelector('[data-submit="closed"]');

          await director.waitForSelector(
            `${headerStatus("pending_review")}:text-is("Pending review")`,
            LIVE,
          );
          await director.waitForSelector(
            `li#v2[data-review="pending"] .version-notes:text-is("${NOTES}")`,
            LIVE,
          );
          await director.waitForSelector(
            'li#v2 .version-by:has-text("Ines Moreau")',
          );
          await director.waitForSelector('#review-title:text-is("Review v2")');
          await director.waitForSelector(
            '.live-note:has-text("Ines Moreau submitted v2 of NL_030_0010")',
          );
          // The producer's table follows.
          await producer.waitForSelector(
            `${
              tableRow(shot.id, "pending_review")
            } .status-pill:text-is("Pending review")`,
            LIVE,
          );
        },
      );

      await t.step(
        "what the director types survives a live update",
        async () => {
          await director.fill("#review-note", "Almost there");
          const status = await artist.evaluate(async (url) => {
            const res = await fetch(url, {
              method: "PATCH",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ vendor: "Stormglass VFX Oslo" }),
            });
            return res.status;
          }, `/api/p/northern-lights/vfx/shots/${shot.id}`);
          assert.equal(status, 200);
          await director.waitForSelector(
            '[data-fact="vendor"]:text-is("Stormglass VFX Oslo")',
            LIVE,
          );
          assert.equal(
            await director.inputValue("#review-note"),
            "Almost there",
          );
        },
      );

      await t.step(
        "requesting changes without a note is refused at the field",
        async () => {
          await director.fill("#review-note", "  ");
          await director.click('button:text-is("Request changes")');
          await director.waitForSelector(
            '#review-note-error:text-is("Say what needs to change")',
          );
          assert.equal(
            await director.getAttribute("#review-note", "aria-invalid"),
            "true",
          );
          await artist.waitForSelector(headerStatus("pending_review"));
        },
      );

      await t.step(
        "the director approves; the artist's page shows it approved, live",
        async () => {
          await director.fill("#review-note", "Reads as open sea now.");
          await director.click('button:text-is("Approve v2")');
          await director.waitForSelector(headerStatus("approved"));
          await director.waitForSelector("#review-note", { state: "detached" });

          await artist.waitForSelector(
            `${headerStatus("approved")}:text-is("Approved")`,
            LIVE,
          );
          await artist.waitForSelector(
            'li#v2[data-review="approve"] .review-note:text-is("Reads as open sea now.")',
            LIVE,
          );
          await artist.waitForSelector(
            'li#v2 .review-head:has-text("Dana Kowalski")',
          );
          await artist.waitForSelector(
            '.live-note:has-text("Dana Kowalski approved v2 of NL_030_0010.")',
          );
          await artist.waitForSelector(
            '[data-submit="closed"]:has-text("approved")',
          );
          await producer.waitForSelector(
            `${tableRow(shot.id, "approved")} .status-pill:text-is("Approved")`,
            LIVE,
          );
          // All of it without leaving the page.
          assert.deepEqual(navigations, []);
        },
      );

      await t.step(
        "the artist creates a shot; the producer's table gains the row",
        async () => {
          await artist.goto(`${origin}/p/northern-lights/vfx`);
          await waitOnline(artist);
          await artist.click('button:text-is("New shot")');
          await artist.waitForSelector("dialog[open]");
          await artist.fill("#shot-code", "nl_060_0010");
          await artist.fill("#shot-frameOut", "1096");
          await artist.fill("#shot-bid", "7,250.50");
          await artist.click('dialog button:text-is("Create shot")');
          await artist.waitForSelector(
            '#shot-code-error:has-text("NL_010_0040")',
          );
          assert.equal(
            await artist.getAttribute("#shot-code", "aria-invalid"),
            "true",
          );
          await artist.fill("#shot-code", "NL_060_0010");
          await artist.fill(
            "#shot-description",
            "Dawn light on the lantern glass.",
          );
          await artist.fill("#shot-vendor", "Lumen & Salt");
          await artist.selectOption("#shot-assigneeId", {
            label: "Ines Moreau",
          });
          await artist.click('dialog button:text-is("Create shot")');
          await artist.waitForSelector("dialog[open]", { state: "detached" });
          await artist.waitForSelector(
            '.notice:text-is("Created NL_060_0010.")',
          );
          const row =
            'tr.shot-row[data-status="not_started"]:has(a:text-is("NL_060_0010"))';
          await artist.waitForSelector(row);
          await producer.waitForSelector(row, LIVE);
          assert.equal(
            await producer.textContent(`${row} .shot-bid`),
            "€7,250.50",
          );
          assert.equal(
            await producer.textContent(`${row} .shot-assignee`),
            "Ines Moreau",
          );
          await producer.waitForSelector(
            '.card-sub:text-is("16 shots · bids in EUR")',
          );
          // A taken code is refused at the field.
          await artist.click('button:text-is("New shot")');
          await artist.fill("#shot-code", "NL_060_0010");
          await artist.fill("#shot-frameOut", "1010");
          await artist.click('dialog button:text-is("Create shot")');
          await artist.waitForSelector(
            '#shot-code-error:text-is("A shot with code NL_060_0010 exists already")',
          );
          await artist.click('dialog button:text-is("Cancel")');
          await artist.waitForSelector("dialog[open]", { state: "detached" });
        },
      );

      await t.step(
        "without JavaScript the director's review form still works",
        async () => {
          const [other] = await shots.findBy(
            app.services.kv,
            "code",
            "NL_010_0040",
          );
          const context = await browser!.newContext({
            viewport,
            javaScriptEnabled: false,
          });
          const page = await context.newPage();
          const otherPath = `/p/northern-lights/vfx/${other.id}`;
          await page.goto(
            `${origin}/login?next=${encodeURIComponent(otherPath)}`,
          );
          await page.fill('input[name="username"]', "director");
          await page.fill('input[name="password"]', "password123");
          await Promise.all([
            page.waitForURL(`${origin}${otherPath}`),
            page.click('button[type="submit"]'),
          ]);
          // Changes without a note: the page comes back with the message.
          await page.click('button:text-is("Request changes")');
          await page.waitForSelector(
            '#review-note-error:text-is("Say what needs to change")',
          );
          await page.fill("#review-note", "Hold the mist longer.");
          await Promise.all([
            page.waitForURL(`${origin}${otherPath}?changes`),
            page.click('button:text-is("Request changes")'),
          ]);
          await page.waitForSelector(headerStatus("changes_requested"));
          await page.waitForSelector(
            'li#v2[data-review="request_changes"] .review-note:text-is("Hold the mist longer.")',
          );
          // The producer's live table follows the no-JS post too.
          await producer.waitForSelector(
            tableRow(other.id, "changes_requested"),
            LIVE,
          );
          await context.close();
        },
      );

      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

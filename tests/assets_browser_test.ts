/**
 * The assets page in two browsers side by side: crew uploads a 20 MB file
 * and watches a real progress bar while the producer sees "Sam Lindqvist is
 * uploading …" and then the file, without a reload; a ZIP is refused (415)
 * and a file over the limit never leaves the browser (413); a cancelled
 * upload leaves nothing behind; several files go one after another;
 * deletions reach everyone; the distribution manager downloads files.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { listAssets } from "@/lib/assets/store.ts";
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

const runBrowser = browserTestsEnabled();

/** Live updates must arrive within this long. */
const LIVE = { timeout: 3_000 };
const MB = 1_000_000;
const MIB = 1024 * 1024;

/** Signs in on the files page, live, once the island has the upload control. */
async function openAssets(
  context: BrowserContext,
  origin: string,
  username: string,
): Promise<Page> {
  const page = await signIn(context, origin, username, {
    path: "/assets",
    online: true,
  });
  await page.waitForSelector("#asset-files:not([disabled])");
  return page;
}

/** `size` bytes of a plain-text log, line after numbered line. */
function textFile(size: number, label: string): Buffer {
  const out = Buffer.alloc(size);
  let offset = 0;
  for (let n = 1; offset < size; n++) {
    const line = `${label} ${String(n).padStart(7, "0")} - ` +
      "INT. LIGHTHOUSE - NIGHT. The beam sweeps the harbour.\n";
    offset += out.write(line, offset, "utf8");
  }
  return out;
}

const sha256 = (bytes: Uint8Array) =>
  createHash("sha256").update(bytes).digest("hex");

const tile = (name: string) =>
  `.asset-tile:has(.asset-name:text-is("${name}"))`;
const queued = (name: string, status: string) =>
  `.upload-item[data-status="${status}"]:has(.upload-name:text-is("${name}"))`;

/**
 * Records, in the page, every value the upload progress bars take and
 * every toast text, from now on (a MutationObserver: nothing is missed
 * however briefly it shows).
 */
async function installRecorder(page: Page) {
  await page.evaluate(() => {
    const w = globalThis as unknown as {
      __progress: number[];
      __toasts: string[];
    };
    w.__progress = [];
    w.__toasts = [];
    const record = () => {
      for (
        const bar of document.querySelectorAll(
          '.upload-item [role="progressbar"]',
        )
      ) {
        const value = Number(bar.getAttribute("aria-valuenow"));
        if (w.__progress.at(-1) !== value) w.__progress.push(value);
      }
      for (const toast of document.querySelectorAll(".toast")) {
        const text = toast.textContent ?? "";
        if (!w.__toasts.includes(text)) w.__toasts.push(text);
      }
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["aria-valuenow"],
    });
  });
}

const recorded = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as unknown as {
      __progress: number[];
      __toasts: string[];
    };
    return { progress: [...w.__progress], toasts: [...w.__toasts] };
  });

/** Chunk keys in the store that belong to no asset (should be none). */
async function orphanChunks(app: TestApp): Promise<number> {
  const ids = new Set((await listAssets(app.services.kv)).map((a) => a.id));
  let orphans = 0;
  for await (
    const entry of app.services.kv.list({ prefix: ["asset_chunks"] })
  ) {
    if (!ids.has(String(entry.key[1]))) orphans++;
  }
  return orphans;
}

Deno.test({
  name: "browser - the asset library live in two browsers",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    // Uploads as the server sees them: how many at once, in what order.
    const uploads = { running: 0, most: 0, names: [] as string[] };
    const server = serveApp(app, {
      handler: async (req) => {
        const url = new URL(req.url);
        const upload = req.method === "POST" &&
          url.pathname === "/api/p/northern-lights/assets";
        if (!upload) return await app.handler(req);
        uploads.names.push(url.searchParams.get("name") ?? "");
        uploads.most = Math.max(uploads.most, ++uploads.running);
        try {
          return await app.handler(req);
        } finally {
          uploads.running--;
        }
      },
    });
    const origin = server.origin;
    let browser: Browser | undefined;
    const temp = await Deno.makeTempDir({ prefix: "assets-browser-" });
    try {
      browser = await launchChromium();
      const viewport = { width: 1400, height: 900 };
      const crewContext = await browser.newContext({ viewport });
      const producerContext = await browser.newContext({ viewport });
      const crew = await openAssets(crewContext, origin, "crew");
      const producer = await openAssets(producerContext, origin, "producer");
      const errors: string[] = [];
      for (const page of [crew, producer]) watchErrors(page, errors);
      // Crew's uploads go through a throttled link (8 MB/s), so a 20 MB
      // upload takes a few seconds whatever the machine: long enough for
      // the progress bar and the producer's notice to be seen and for a
      // cancel to land mid-way.
      const cdp = await crewContext.newCDPSession(crew);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 8 * MB,
      });
      // Set by the test; a reload would lose it.
      await producer.evaluate(() => {
        (globalThis as unknown as { __noReload: boolean }).__noReload = true;
      });

      await t.step(
        "both see the seeded files; only the office may delete them",
        async () => {
          for (const page of [crew, producer]) {
            await page.waitForSelector(tile("call-sheet-day-01.pdf"));
            assert.equal(await page.locator(".asset-tile").count(), 5);
          }
          assert.equal(await crew.locator(".button-delete").count(), 0);
          // The picker is a real file input: it takes keyboard focus.
          await crew.focus("#asset-files");
          assert.equal(
            await crew.evaluate(() => document.activeElement?.id),
            "asset-files",
          );
          assert.equal(await producer.locator(".button-delete").count(), 5);
          // The storyboard frame is its own thumbnail: an attachment still
          // renders as an image.
          const png = producer.locator(
            'img[alt="storm-sequence-frame-01.png"]',
          );
          await png.scrollIntoViewIfNeeded();
          await producer.waitForFunction(() => {
            const img = document.querySelector<HTMLImageElement>(
              'img[alt="storm-sequence-frame-01.png"]',
            );
            return img !== null && img.complete && img.naturalWidth === 16;
          });
        },
      );

      const big = textFile(20 * MB, "LOG");
      const bigName = "lamp-room-log.txt";

      await t.step(
        "crew uploads 20 MB: the bar advances; the producer sees it arrive",
        async () => {
          await installRecorder(crew);
          await installRecorder(producer);
          await crew.setInputFiles("#asset-files", {
            name: bigName,
            mimeType: "text/plain",
            buffer: big,
          });
          await crew.waitForSelector(queued(bigName, "uploading"));
          // The producer is told while it runs (the hub's upload frames).
          await producer.waitForSelector(
            '.toast:has-text("Sam Lindqvist is uploading lamp-room-log.txt")',
            LIVE,
          );
          await producer.waitForSelector(
            `.asset-tile.is-incoming:has(.asset-name:text-is("${bigName}"))`,
            LIVE,
          );
          await crew.waitForSelector(queued(bigName, "done"), {
            timeout: 30_000,
          });
          assert.equal(
            await crew.getAttribute(
              `${queued(bigName, "done")} [role="progressbar"]`,
              "aria-valuenow",
            ),
            "100",
          );
          const { progress } = await recorded(crew);
          const between = progress.filter((v) => v >= 1 && v <= 99);
          assert.ok(
            between.length >= 2,
            `intermediate values: ${progress.join(", ")}`,
          );
          // Never backwards, and 100 only at the end.
          assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
          assert.equal(progress.at(-1), 100);
          assert.equal(progress.indexOf(100), progress.length - 1);
          // Crew's own list has it, highlighted, with a delete button.
          await crew.waitForSelector(`${tile(bigName)}.is-new .button-delete`);

          // The producer: the file, without a reload; the notice is gone.
          await producer.waitForSelector(`${tile(bigName)}.is-new`, LIVE);
          await producer.waitForSelector(".toast", {
            state: "detached",
            ...LIVE,
          });
          assert.equal(
            await producer.textContent(
              `${tile(bigName)} .asset-size`,
            ),
            "19 MiB",
          );
          assert.ok(
            (await recorded(producer)).toasts.some((text) =>
              /^Sam Lindqvist is uploading lamp-room-log\.txt… \d+%$/.test(
                text,
              )
            ),
          );
          assert.equal(
            await producer.evaluate(() =>
              (globalThis as unknown as { __noReload?: boolean }).__noReload
            ),
            true,
          );
          assert.equal(await producer.locator(".asset-tile").count(), 6);
          // What was stored is byte for byte what was chosen.
          const stored = (await listAssets(app.services.kv)).find((a) =>
            a.name === bigName
          )!;
          assert.equal(stored.size, big.byteLength);
          assert.equal(stored.sha256, sha256(big));
          assert.equal(stored.mime, "text/plain");
          assert.equal(stored.category, "document");
        },
      );

      await t.step("a ZIP is refused with a clear message (415)", async () => {
        const zip = Buffer.concat([
          Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]),
          Buffer.alloc(2048, 7),
        ]);
        await crew.setInputFiles("#asset-files", {
          name: "location-photos.zip",
          mimeType: "application/zip",
          buffer: zip,
        });
        const error = `${
          queued("location-photos.zip", "failed")
        } .upload-error[role="alert"]`;
        await crew.waitForSelector(error);
        assert.match(
          (await crew.textContent(error))!,
          /^location-photos\.zip: this kind of file is not allowed\. Upload PDF, PNG/,
        );
        // And an ELF executable named like a text file.
        await crew.setInputFiles("#asset-files", {
          name: "notes.txt",
          mimeType: "text/plain",
          buffer: Buffer.concat([
            Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
            Buffer.alloc(512),
          ]),
        });
        await crew.waitForSelector(
          `${
            queued("notes.txt", "failed")
          }:has-text("this kind of file is not allowed")`,
        );
        assert.equal(
          await crew.locator(tile("location-photos.zip")).count(),
          0,
        );
        assert.equal(await producer.locator(tile("notes.txt")).count(), 0);
      });

      await t.step(
        "a file over the limit is refused before it is sent (413)",
        async () => {
          // A sparse file: 51 MiB on paper, nothing on disk, never read.
          const path = `${temp}/rushes-day-02.txt`;
          const file = await Deno.open(path, { create: true, write: true });
          await file.truncate(51 * MIB);
          file.close();
          const posts: string[] = [];
          const onRequest = (req: { method(): string; url(): string }) => {
            if (req.method() === "POST") posts.push(req.url());
          };
          crew.on("request", onRequest);
          await crew.setInputFiles("#asset-files", path);
          await crew.waitForSelector(
            `${
              queued("rushes-day-02.txt", "failed")
            } .upload-error:text-is("rushes-day-02.txt is larger than the 50 MiB limit.")`,
          );
          crew.off("request", onRequest);
          assert.deepEqual(posts, []);
        },
      );

      await t.step(
        "a cancelled upload stops and leaves nothing behind",
        async () => {
          const name = "take-2-notes.txt";
          await crew.setInputFiles("#asset-files", {
            name,
            mimeType: "text/plain",
            buffer: textFile(20 * MB, "TAKE"),
          });
          // (One upload runs at a time: the running bar is this one's.)
          await crew.waitForFunction(() => {
            const bar = document.querySelector(
              '.upload-item[data-status="uploading"] [role="progressbar"]',
            );
            return Number(bar?.getAttribute("aria-valuenow")) >= 10;
          });
          await producer.waitForSelector(
            `.toast:has-text("Sam Lindqvist is uploading ${name}")`,
            LIVE,
          );
          await crew.click(
            `${queued(name, "uploading")} button:text-is("Cancel")`,
          );
          await crew.waitForSelector(
            `${
              queued(name, "cancelled")
            } .upload-status:text-is("Cancelled: nothing was stored")`,
          );
          // The server discarded it: the hub's last frame for it ("failed")
          // comes after the clean-up, and takes the producer's notice away.
          await producer.waitForSelector(".toast", {
            state: "detached",
            ...LIVE,
          });
          assert.equal(await producer.locator(tile(name)).count(), 0);
          assert.equal(await orphanChunks(app), 0);
          assert.equal(
            (await listAssets(app.services.kv)).some((a) => a.name === name),
            false,
          );
        },
      );

      await t.step(
        "several files upload one after another, with the chosen category",
        async () => {
          await cdp.send("Network.emulateNetworkConditions", {
            offline: false,
            latency: 0,
            downloadThroughput: -1,
            uploadThroughput: -1,
          });
          await crew.click('button:text-is("Clear finished")');
          assert.equal(await crew.locator(".upload-item").count(), 0);
          await crew.selectOption("#upload-category", "script");
          uploads.most = 0;
          uploads.names = [];
          const names = ["sc12-v1.txt", "sc12-v2.txt", "sc12-v3.txt"];
          await crew.setInputFiles(
            "#asset-files",
            names.map((name, i) => ({
              name,
              mimeType: "text/plain",
              buffer: textFile(300_000 * (i + 1), name),
            })),
          );
          for (const name of names) {
            await crew.waitForSelector(queued(name, "done"));
            await producer.waitForSelector(tile(name), LIVE);
          }
          // One at a time, in the order chosen.
          assert.equal(uploads.most, 1);
          assert.deepEqual(uploads.names, names);
          const stored = await listAssets(app.services.kv, {
            category: "script",
          });
          for (const name of names) {
            assert.ok(stored.some((a) => a.name === name), name);
          }
          // Newest first for everyone.
          assert.deepEqual(
            (await producer.locator(".asset-name").allTextContents())
              .slice(0, 4).map((t) => t.replace(/New$/, "")),
            [...names].reverse().concat(bigName),
          );
        },
      );

      await t.step(
        "deletions reach everyone; a refusal is explained",
        async () => {
          // Crew deletes their own file; the producer's list follows.
          crew.once("dialog", (dialog) => dialog.accept());
          await crew.click(`${tile("sc12-v1.txt")} button:text-is("Delete")`);
          await crew.waitForSelector(tile("sc12-v1.txt"), {
            state: "detached",
          });
          await crew.waitForSelector('.notice:text-is("Deleted sc12-v1.txt.")');
          await producer.waitForSelector(tile("sc12-v1.txt"), {
            state: "detached",
            ...LIVE,
          });
          // The producer deletes one of crew's; crew's list follows.
          producer.once("dialog", (dialog) => dialog.accept());
          await producer.click(
            `${tile("sc12-v2.txt")} button:text-is("Delete")`,
          );
          await crew.waitForSelector(tile("sc12-v2.txt"), {
            state: "detached",
            ...LIVE,
          });
          // Dismissing the confirmation deletes nothing.
          crew.once("dialog", (dialog) => dialog.dismiss());
          await crew.click(`${tile("sc12-v3.txt")} button:text-is("Delete")`);
          assert.equal(await crew.locator(tile("sc12-v3.txt")).count(), 1);
          // A refusal from the server (the role changed meanwhile, say).
          await crew.route(
            "**/api/p/northern-lights/assets/*",
            (route) =>
              route.request().method() === "DELETE"
                ? route.fulfill({
                  status: 403,
                  contentType: "application/json",
                  body: JSON.stringify({
                    error: {
                      code: "forbidden",
                      message: "Only the uploader or the production office " +
                        "may delete this file",
                    },
                  }),
                })
                : route.continue(),
          );
          crew.once("dialog", (dialog) => dialog.accept());
          await crew.click(`${tile("sc12-v3.txt")} button:text-is("Delete")`);
          await crew.waitForSelector(
            '.form-error[role="alert"]:text-is("You may not delete sc12-v3.txt: only its uploader or the production office may.")',
          );
          assert.equal(await crew.locator(tile("sc12-v3.txt")).count(), 1);
          await crew.unroute("**/api/p/northern-lights/assets/*");
        },
      );

      await t.step(
        "the distribution manager sees every file and downloads them",
        async () => {
          const context = await browser!.newContext({
            viewport,
            acceptDownloads: true,
          });
          const page = await openAssets(context, origin, "distribution");
          watchErrors(page, errors);
          await page.waitForSelector(tile(bigName));
          const all = await listAssets(app.services.kv);
          assert.equal(await page.locator(".asset-tile").count(), all.length);
          assert.equal(await page.locator(".button-delete").count(), 0);
          for (const name of ["call-sheet-day-01.pdf", bigName]) {
            const asset = all.find((a) => a.name === name)!;
            const [download] = await Promise.all([
              page.waitForEvent("download"),
              page.click(`${tile(name)} a:text-is("Download")`),
            ]);
            assert.equal(download.suggestedFilename(), name);
            const bytes = await Deno.readFile((await download.path())!);
            assert.equal(bytes.byteLength, asset.size, name);
            assert.equal(sha256(bytes), asset.sha256, name);
          }
          // The page is still there (a download does not navigate away).
          assert.equal(
            new URL(page.url()).pathname,
            "/p/northern-lights/assets",
          );
          // Filters narrow the list; the live list keeps to them.
          await page.selectOption('select[name="category"]', "script");
          await Promise.all([
            page.waitForURL(/category=script/),
            page.click('button:text-is("Apply")'),
          ]);
          await page.waitForSelector("#asset-files:not([disabled])");
          await waitOnline(page);
          const scripts = all.filter((a) => a.category === "script").length;
          assert.equal(await page.locator(".asset-tile").count(), scripts);
          await crew.setInputFiles("#asset-files", {
            name: "sc13.fountain",
            mimeType: "text/plain",
            buffer: Buffer.from("INT. HARBOUR - DAWN\n\nThe boats come in.\n"),
          });
          await page.waitForSelector(`${tile("sc13.fountain")}.is-new`, LIVE);
          await crew.selectOption("#upload-category", "");
          await crew.setInputFiles("#asset-files", {
            name: "harbour.pdf",
            mimeType: "application/pdf",
            buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
          });
          await producer.waitForSelector(tile("harbour.pdf"), LIVE);
          assert.equal(await page.locator(tile("harbour.pdf")).count(), 0);
          await context.close();
        },
      );

      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
      await Deno.remove(temp, { recursive: true });
    }
  },
});

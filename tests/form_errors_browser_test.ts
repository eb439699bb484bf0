/**
 * The forms of the islands show every field's error at once, in the
 * browser: the category dialog, the task dialog (the server's 400), the
 * new-shot dialog and the script import form. Each gets a summary linking
 * to its fields, each field its message with aria-invalid, and focus on
 * the first invalid field.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
  watchErrors,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";

const runBrowser = browserTestsEnabled();

/** Every listed field shows its message and is in the summary, at once. */
async function assertAllErrors(
  page: Page,
  scope: string,
  fields: [id: string, message: string][],
) {
  await page.waitForSelector(`${scope} .error-summary`);
  for (const [id, message] of fields) {
    await page.waitForSelector(`${scope} #${id}-error:has-text("${message}")`);
    assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true", id);
    assert.equal(
      await page.locator(`${scope} .error-summary a[href="#${id}"]`).count(),
      1,
      id,
    );
  }
  await page.waitForFunction(
    (id) => document.activeElement?.id === id,
    fields[0][0],
    { timeout: 2_000 },
  );
}

Deno.test({
  name:
    "browser - every field's error at once in the dialogs and the script import",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    const origin = server.origin;
    const browser = await launchChromium();
    const errors: string[] = [];
    const laptop = () =>
      browser.newContext({ viewport: { width: 1366, height: 850 } });
    try {
      await t.step("the category dialog", async () => {
        const page = await signIn(await laptop(), origin, "producer", {
          path: "/budget",
          online: true,
        });
        watchErrors(page, errors);
        await page.click('button:text-is("New category")');
        await page.fill('dialog input[name="allocation"]', "12.345");
        await page.click('dialog button:text-is("Add category")');
        await assertAllErrors(page, "dialog", [
          ["category-name", "Enter a name"],
          ["category-code", "Enter an account code"],
          ["category-allocation", "Use at most 2 decimals"],
        ]);
      });

      await t.step("the task dialog, as the server refuses it", async () => {
        const page = await signIn(await laptop(), origin, "producer", {
          path: "/tasks",
          online: true,
        });
        watchErrors(page, errors);
        await page.click("text=New task");
        await page.fill('dialog input[name="title"]', "   ");
        // And a due date the browser's date field cannot hold, sent past
        // it: the server's 400 names both fields.
        await page.route(
          "**/api/p/northern-lights/tasks",
          (route) =>
            route.continue({
              postData: JSON.stringify({
                ...JSON.parse(route.request().postData() ?? "{}"),
                dueDate: "2027-13-45",
              }),
            }),
          { times: 1 },
        );
        await page.click('dialog button[type="submit"]');
        await assertAllErrors(page, "dialog", [
          ["task-title", "Give the task a title"],
          ["task-dueDate", "Use a date like 2027-03-01"],
        ]);
      });

      await t.step("the new-shot dialog", async () => {
        const page = await signIn(await laptop(), origin, "vfx", {
          path: "/vfx",
          online: true,
        });
        watchErrors(page, errors);
        await page.click('button:text-is("New shot")');
        await page.fill("#shot-frameIn", "");
        await page.fill("#shot-bid", "lots");
        await page.click('dialog button:text-is("Create shot")');
        await assertAllErrors(page, "dialog", [
          ["shot-code", "Enter a shot code"],
          ["shot-frameIn", "Give the first frame"],
          ["shot-frameOut", "Give the last frame"],
          ["shot-bid", "Enter a number"],
        ]);
      });

      await t.step("the script import form", async () => {
        const page = await signIn(await laptop(), origin, "producer", {
          path: "/script",
          online: true,
        });
        watchErrors(page, errors);
        await page.click('button:text-is("Import script")');
        await assertAllErrors(page, 'form[aria-label="Import a script"]', [
          ["create-source", "Choose a file or paste the Fountain text"],
        ]);
      });
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

/**
 * Links in two browsers (issue #13): the producer links a crew member's
 * task to a scene from the task page (kind, search, pick, keyboard only);
 * the crew member, on the same task page, sees the link appear live, and
 * on the scene's page the task is listed under "Linked from".
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { RecordDirectory, sceneNumber } from "@/lib/records/directory.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { listMembers } from "@/lib/team/members.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signIn,
} from "./helpers/browser.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp } from "./helpers/test_app.ts";

const BASE = "/p/northern-lights";

Deno.test({
  name:
    "browser - a link made on the task page reaches the assignee live, and the scene lists the task",
  ignore: !browserTestsEnabled(),
  async fn() {
    const app = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    let browser: Browser | undefined;
    try {
      const kv = productionKv(app.services.store, PRODUCTION_ID);
      const crewId = (await listMembers(kv)).find((m) => m.role === "crew")!
        .id;
      const task = (await tasks.list(kv)).find((t) => t.assigneeId === crewId)!;
      const current = [...(await new RecordDirectory(kv).currentScenes())
        .values()].filter((s) => s.scene.change !== "removed");
      const { scene, scriptId } = current[Math.min(3, current.length - 1)];
      const number = sceneNumber(scene);
      const taskPath = `${BASE}/tasks/${task.id}`;

      browser = await launchChromium();
      const errors: string[] = [];
      const producer = await signIn(
        await browser.newContext({ viewport: { width: 1366, height: 900 } }),
        server.origin,
        "producer",
        { path: taskPath, online: true, errors },
      );
      const crew = await signIn(
        await browser.newContext({ viewport: { width: 390, height: 844 } }),
        server.origin,
        "crew",
        { path: taskPath, online: true, errors },
      );
      await crew.waitForSelector(".link-panel .link-empty");
      // Crew may not change the task: no way to add a link.
      assert.equal(await crew.locator("text=Add link").count(), 0);

      // Keyboard only: open the control, type the number, pick the match.
      await producer.focus(".link-panel button:has-text('Add link')");
      await producer.keyboard.press("Enter");
      const search = producer.locator('.link-add input[type="search"]');
      await search.waitFor();
      assert.equal(
        await producer.locator(".link-add select").inputValue(),
        "scene",
      );
      await search.fill(number);
      const match = producer.locator(".link-result", {
        hasText: `Scene ${number}`,
      }).first();
      await match.waitFor();
      await search.press("ArrowDown");
      assert.equal(
        await producer.evaluate(() =>
          document.activeElement?.classList.contains("link-result")
        ),
        true,
      );
      await match.focus();
      await producer.keyboard.press("Enter");
      await producer.waitForSelector(
        `.link-panel .notice:has-text("Linked to Scene ${number}.")`,
      );
      const row = `.link-row:has(a:text-is("Scene ${number}"))`;
      await producer.waitForSelector(row);

      // The assignee's page shows it without a reload.
      await crew.waitForSelector(row, { timeout: 3_000 });
      assert.match(
        (await crew.textContent(".link-panel"))!,
        /Links to\s*Scene/,
      );

      // On the scene's page the task is linked from.
      await crew.click(`${row} a`);
      await crew.waitForURL(
        `${server.origin}${BASE}/script/${scriptId}/scenes/${scene.id}`,
      );
      const group = crew.locator(".link-group", { hasText: "Linked from" });
      await group.locator(`a:text-is("${task.title}")`).waitFor();

      // A second link from the producer: the scene page (crew) follows.
      await producer.click(".link-panel button:has-text('Add link')");
      await producer.locator(".link-add select").selectOption("scene");
      await producer.locator('.link-add input[type="search"]').fill(number);
      await producer.locator(".link-result", { hasText: `Scene ${number}` })
        .first().waitFor();
      // Already linked: offered, but disabled.
      assert.equal(
        await producer.locator(".link-result", {
          hasText: `Scene ${number}`,
        }).first().isDisabled(),
        true,
      );
      await producer.keyboard.press("Escape");
      await producer.locator(".link-add").waitFor({ state: "detached" });

      // Removing it: the crew's scene page drops the task live.
      producer.once("dialog", (dialog) => dialog.accept());
      await producer.click(`${row} button:has-text("Remove")`);
      await group.waitFor({ state: "detached", timeout: 3_000 });
      assert.deepEqual(errors, []);
    } finally {
      await closeBrowser(browser);
      // Closes the app too.
      await server.close();
    }
  },
});

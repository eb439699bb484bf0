/**
 * The record pages (issue #13): the generic page of the records with no
 * page in their module (an expense, a budget line, a file, a shot version)
 * with its facts, place and links, 404 for an unknown kind or a record the
 * viewer may not see, the kinds with a page of their own redirected; the
 * links panel on the task, scene and shot pages; the budget and files
 * pages leading to the generic page.
 */
import assert from "node:assert/strict";
import { assets } from "@/lib/assets/store.ts";
import { categories, expenses } from "@/lib/budget/budget_store.ts";
import { createLink } from "@/lib/links/service.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { RecordDirectory } from "@/lib/records/directory.ts";
import { serviceContext } from "@/lib/service.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { listMembers } from "@/lib/team/members.ts";
import { shots, shotVersions } from "@/lib/vfx/store.ts";
import { getPage, visibleText, withoutScripts } from "./helpers/pages.ts";
import { login, type TestApp, withModuleData } from "./helpers/test_app.ts";

const BASE = "/p/northern-lights";

/** The demo film's records the tests open, and a context to link them. */
async function demo(app: TestApp) {
  const kv = productionKv(app.services.store, PRODUCTION_ID);
  const members = await listMembers(kv);
  const member = (role: string) => members.find((m) => m.role === role)!;
  const crew = member("crew");
  // A line whose name HTML writes as it is ("Grip &amp; Electric" would
  // not be found in the page's text) and no page says otherwise ("Director"
  // is a role badge, "Cast" an element category), and one of its expenses.
  const lines = await categories.list(kv);
  const all = await expenses.list(kv);
  const line = lines.find((c) => c.name === "Art Department")!;
  assert.ok(all.some((e) => e.categoryId === line.id));
  const expense = all.find((e) => e.categoryId === line.id)!;
  const [file] = await assets.list(kv);
  const [version] = await shotVersions.list(kv);
  const shot = (await shots.get(kv, version.shotId))!;
  const task = (await tasks.list(kv)).find((t) => t.assigneeId === crew.id)!;
  const scene = [...(await new RecordDirectory(kv).currentScenes()).values()]
    .find((s) => s.scene.change !== "removed")!;
  const producer = member("producer");
  const cx = serviceContext(kv, {
    id: producer.id,
    name: producer.name,
    role: "producer",
  });
  return { kv, cx, expense, line, file, version, shot, task, scene };
}

Deno.test("record page - an expense, a budget line, a file and a version: facts, place and links", () =>
  withModuleData(async (app) => {
    const d = await demo(app);
    await createLink(d.cx, { type: "expense", id: d.expense.id }, {
      type: "scene",
      id: d.scene.scene.key,
    });
    const { cookie } = await login(app, "producer");
    const expense = await getPage(
      app,
      `${BASE}/records/expense/${d.expense.id}`,
      cookie,
    );
    assert.equal(expense.status, 200);
    const text = visibleText(expense.html);
    assert.match(text, /Budget · Expense/);
    assert.match(text, /Amount €[\d,.]+/);
    assert.ok(text.includes(`Budget line ${d.line.code} ${d.line.name}`));
    assert.ok(
      expense.html.includes(`href="${BASE}/budget#cat-${d.line.id}"`),
      "the line in the budget",
    );
    // The links panel, drawn by the server: the scene it links to.
    assert.match(withoutScripts(expense.html), /<h2[^>]*>Links<\/h2>/);
    assert.match(text, /Links to Scene Scene \S+/);
    assert.ok(
      expense.html.includes(
        `${BASE}/script/${d.scene.scriptId}/scenes/${d.scene.scene.id}`,
      ),
    );

    const line = await getPage(
      app,
      `${BASE}/records/budget_category/${d.line.id}`,
      cookie,
    );
    assert.equal(line.status, 200);
    assert.match(visibleText(line.html), /Account code \S+ Section /);
    assert.match(visibleText(line.html), /No links yet\./);

    const file = await getPage(
      app,
      `${BASE}/records/asset/${d.file.id}`,
      cookie,
    );
    assert.equal(file.status, 200);
    assert.match(visibleText(file.html), /Assets · File/);
    assert.ok(
      file.html.includes(
        `href="/api/p/northern-lights/assets/${d.file.id}/content"`,
      ),
    );
    assert.ok(file.html.includes(`href="${BASE}/assets#asset-${d.file.id}"`));

    const version = await getPage(
      app,
      `${BASE}/records/version/${d.version.id}`,
      cookie,
    );
    assert.equal(version.status, 200);
    assert.match(
      visibleText(version.html),
      new RegExp(`<?${d.shot.code} v${d.version.number}`),
    );
    assert.ok(
      version.html.includes(
        `href="${BASE}/vfx/${d.shot.id}#v${d.version.number}"`,
      ),
    );
  }));

Deno.test("record page - 404 for an unknown kind, a bad or unknown id, or a record the role may not see", () =>
  withModuleData(async (app) => {
    const d = await demo(app);
    const status = async (username: string, path: string) => {
      const { cookie } = await login(app, username);
      const page = await getPage(app, `${BASE}/records/${path}`, cookie);
      return { status: page.status, html: page.html };
    };
    for (
      const path of [
        `budget/${d.line.id}`,
        "expense/missing",
        `expense/${"x".repeat(300)}`,
        "expense/..",
        `task:${d.task.id}/x`,
      ]
    ) {
      assert.equal((await status("producer", path)).status, 404, path);
    }
    // Who may not read the budget never learns the line exists.
    for (const username of ["director", "crew", "vfx", "distribution"]) {
      const page = await status(username, `budget_category/${d.line.id}`);
      assert.equal(page.status, 404, username);
      assert.ok(!page.html.includes(d.line.name), username);
      const expense = await status(username, `expense/${d.expense.id}`);
      assert.equal(expense.status, 404, username);
    }
    // A version is the VFX module's: not the production manager's or crew's.
    for (const username of ["prodmanager", "crew", "distribution"]) {
      const page = await status(username, `version/${d.version.id}`);
      assert.equal(page.status, 404, username);
    }
    // A file is everyone's.
    assert.equal((await status("crew", `asset/${d.file.id}`)).status, 200);
    // Signed out: to the sign-in page.
    const res = await app.fetch(`${BASE}/records/asset/${d.file.id}`, {
      redirect: "manual",
    });
    assert.equal(res.status, 303);
  }));

Deno.test("record page - a task, scene or shot goes to its own page; someone else's task is a 404", () =>
  withModuleData(async (app) => {
    const d = await demo(app);
    const { cookie } = await login(app, "crew");
    const task = await app.fetch(`${BASE}/records/task/${d.task.id}`, {
      headers: { cookie },
      redirect: "manual",
    });
    assert.equal(task.status, 302);
    assert.equal(task.headers.get("location"), `${BASE}/tasks/${d.task.id}`);
    const scene = await app.fetch(
      `${BASE}/records/scene/${d.scene.scene.key}`,
      { headers: { cookie }, redirect: "manual" },
    );
    assert.equal(
      scene.headers.get("location"),
      `${BASE}/script/${d.scene.scriptId}/scenes/${d.scene.scene.id}`,
    );
    const others = (await tasks.list(d.kv)).find((t) =>
      t.assigneeId !== d.task.assigneeId
    )!;
    const page = await getPage(
      app,
      `${BASE}/records/task/${others.id}`,
      cookie,
    );
    assert.equal(page.status, 404);
  }));

Deno.test("record pages - task, scene and shot pages show their links; crew never see a budget line there", () =>
  withModuleData(async (app) => {
    const d = await demo(app);
    const scene = { type: "scene" as const, id: d.scene.scene.key };
    await createLink(d.cx, { type: "task", id: d.task.id }, scene);
    await createLink(d.cx, { type: "budget_category", id: d.line.id }, scene);
    const taskPath = `${BASE}/tasks/${d.task.id}`;
    const scenePath =
      `${BASE}/script/${d.scene.scriptId}/scenes/${d.scene.scene.id}`;

    const producer = await login(app, "producer");
    const sceneAsProducer = visibleText(
      (await getPage(app, scenePath, producer.cookie)).html,
    );
    assert.match(sceneAsProducer, /Linked from/);
    assert.ok(sceneAsProducer.includes(d.task.title));
    assert.ok(sceneAsProducer.includes(`${d.line.code} ${d.line.name}`));

    const crew = await login(app, "crew");
    const taskAsCrew = (await getPage(app, taskPath, crew.cookie)).html;
    assert.match(visibleText(taskAsCrew), /Links to Scene Scene /);
    const sceneAsCrew = (await getPage(app, scenePath, crew.cookie)).html;
    assert.ok(visibleText(sceneAsCrew).includes(d.task.title));
    // Not in the text, and not in the island's props either.
    assert.ok(
      !sceneAsCrew.includes(`${d.line.code} ${d.line.name}`),
      "budget line leaked",
    );
    assert.ok(!sceneAsCrew.includes(d.line.id), "budget line id leaked");

    const vfx = await login(app, "vfx");
    const shotPage = await getPage(app, `${BASE}/vfx/${d.shot.id}`, vfx.cookie);
    assert.equal(shotPage.status, 200);
    assert.match(withoutScripts(shotPage.html), /<h2[^>]*>Links<\/h2>/);
  }));

Deno.test("record pages - the budget's lines and expenses and the files lead to their record pages", () =>
  withModuleData(async (app) => {
    const d = await demo(app);
    const { cookie } = await login(app, "prodmanager");
    const budget = (await getPage(app, `${BASE}/budget`, cookie)).html;
    assert.ok(
      budget.includes(`href="${BASE}/records/budget_category/${d.line.id}"`),
    );
    assert.ok(budget.includes(`${BASE}/records/expense/`));
    const files = (await getPage(app, `${BASE}/assets`, cookie)).html;
    assert.ok(files.includes(`href="${BASE}/records/asset/${d.file.id}"`));
  }));

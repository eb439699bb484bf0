/**
 * "Since you last looked" as served HTML: a first visit shows nothing; a
 * second one shows what another member changed in between, linked where
 * the viewer may open it, on that page only, never the viewer's own
 * changes, and a page the viewer's role may not read never tells of it.
 */
import assert from "node:assert/strict";
import { api, type Sessions, sessions } from "./helpers/api_client.ts";
import { pageHtml } from "./helpers/pages.ts";
import { login, type TestApp, withApp } from "./helpers/test_app.ts";

const BASE = "/p/northern-lights";

/** The section's text and links, or null when it is not rendered. */
function section(html: string) {
  const part = html.match(
    /<section class="card since-last-looked"[\s\S]*?<\/section>/,
  )?.[0];
  if (part === undefined) return null;
  return {
    text: part.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(),
    links: [...part.matchAll(/<a href="([^"]+)"/g)].map(([, href]) => href),
  };
}

/** `username`'s cookie, for pages. */
async function cookieOf(app: TestApp, username: string): Promise<string> {
  return (await login(app, username)).cookie;
}

async function newTask(
  app: TestApp,
  s: Sessions,
  who: string,
  title: string,
  assigneeId: string | null = null,
) {
  const res = await api(app, s[who]).post("/api/tasks", { title, assigneeId });
  assert.equal(res.status, 201);
  return res.body;
}

Deno.test("since you last looked - the second visit shows what someone else changed in between", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const manager = await cookieOf(app, "prodmanager");
    const first = await pageHtml(app, `${BASE}/tasks`, manager);
    assert.equal(section(first), null, "a first visit shows nothing");

    const task = await newTask(app, s, "producer", "Storyboard the chase");
    await api(app, s.producer).patch(`/api/tasks/${task.id}`, {
      status: "review",
    });
    await newTask(app, s, "prodmanager", "My own task");

    const board = await pageHtml(app, `${BASE}/tasks`, manager);
    const second = section(board);
    assert.ok(second, "the section is rendered");
    // The card itself says so too.
    const card = board.match(
      new RegExp(
        `<li class="task-card[^>]*data-task-id="${task.id}"[\\s\\S]*?</li>`,
      ),
    )?.[0];
    assert.match(
      card ?? "",
      /<span class="badge since-kind since-new">New<\/span>/,
    );
    assert.doesNotMatch(board, /since-changed/);
    assert.match(
      second.text,
      /^Since you last looked · moments ago New Paula Reyes moved “Storyboard the chase” to Review · \d\d:\d\d$/,
    );
    assert.deepEqual(second.links, [`${BASE}/tasks/${task.id}`]);
    assert.doesNotMatch(second.text, /My own task/);
    // Told once: a third visit has nothing new.
    assert.equal(
      section(await pageHtml(app, `${BASE}/tasks`, manager)),
      null,
    );
  }));

Deno.test("since you last looked - per page: the dashboard tells of every module, the budget page of the budget only", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const manager = await cookieOf(app, "prodmanager");
    const crew = await cookieOf(app, "crew");
    for (const path of ["", "/budget", "/tasks"]) {
      await pageHtml(app, `${BASE}${path}`, manager);
    }
    await pageHtml(app, BASE, crew);

    const category = await api(app, s.producer).post(
      "/api/budget/categories",
      {
        name: "Camera rental",
        code: "2100",
        section: "below_the_line",
        allocatedCents: 500_000,
      },
    );
    assert.equal(category.status, 201);
    await newTask(app, s, "producer", "Load the truck", s.crew.id);

    const budget = section(await pageHtml(app, `${BASE}/budget`, manager));
    assert.ok(budget);
    assert.match(budget.text, /added the budget category Camera rental/);
    assert.doesNotMatch(budget.text, /Load the truck/);

    const dashboard = section(await pageHtml(app, BASE, manager));
    assert.ok(dashboard);
    assert.match(dashboard.text, /created the task “Load the truck”/);
    assert.match(dashboard.text, /added the budget category Camera rental/);

    // Crew hears of their own task, never of the budget.
    const crews = section(await pageHtml(app, BASE, crew));
    assert.ok(crews);
    assert.match(crews.text, /created the task “Load the truck”/);
    assert.doesNotMatch(crews.text, /budget|Camera rental/);
  }));

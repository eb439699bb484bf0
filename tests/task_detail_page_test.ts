/**
 * The task page as the server renders it: the Edit button and its no-JS
 * form, who created the task and when, dates in the production's zone, and
 * the task's whole history from the record history (not the event log).
 */
import assert from "node:assert/strict";
import { formatDate, formatDateTime } from "@/lib/format.ts";
import { getProduction, timeZoneOf } from "@/lib/production/store.ts";
import { readHistory } from "@/lib/store/history.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { api, sessions } from "./helpers/api_client.ts";
import { pageAs, postForm, visibleText } from "./helpers/pages.ts";
import { withModuleData } from "./helpers/test_app.ts";

function section(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  assert.ok(start >= 0, `section ${id}`);
  return html.slice(start, html.indexOf("</section>", start));
}

const EDIT_FIELDS = {
  intent: "edit",
  title: "Storyboard the chase",
  description: "Panels 1–20",
  status: "todo",
  priority: "high",
  assigneeId: "",
  department: "Art",
  dueDate: "2027-03-01",
};

Deno.test("task page - management: Edit button, creator and created date, formatted dates, history lines", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const task = (await p.post("/api/tasks", {
      title: "Storyboard the chase",
      dueDate: "2027-03-01",
    })).body;
    await p.patch(`/api/tasks/${task.id}`, {
      status: "in_progress",
      assigneeId: s.crew.id,
    });
    const zone = timeZoneOf(await getProduction(app.services.kv));
    const stored = (await tasks.get(app.services.kv, task.id))!;
    const { entries } = await readHistory(app.services.kv, "tasks", task.id);

    const { status, html } = await pageAs(app, "producer", `/tasks/${task.id}`);
    assert.equal(status, 200);
    assert.match(
      html,
      new RegExp(`href="/p/northern-lights/tasks/${task.id}\\?edit"[^>]*>`),
    );
    // The way back to the board stays in the production.
    assert.match(html, /<a href="\/p\/northern-lights\/tasks">Tasks<\/a>/);
    assert.match(visibleText(html), /\bEdit\b/);
    const details = visibleText(section(html, "details-title"));
    assert.ok(
      details.includes(
        `Created ${formatDateTime(stored.createdAt, zone)} by Paula Reyes`,
      ),
      details,
    );
    assert.ok(details.includes(`Due ${formatDate("2027-03-01")}`), details);
    assert.ok(details.includes("Assignee Sam Lindqvist"), details);
    const history = visibleText(section(html, "history-title"));
    assert.ok(
      history.includes(
        `Paula Reyes changed status from To do to In progress and assignee from Unassigned to Sam Lindqvist · ${
          formatDateTime(entries[0].at, zone)
        }`,
      ),
      history,
    );
    assert.ok(history.includes("Paula Reyes created the task"), history);
    // No ISO date or timestamp anywhere a person reads.
    assert.doesNotMatch(visibleText(html), /\d{4}-\d{2}-\d{2}/);
    assert.doesNotMatch(history, /48 hours/);
  }));

Deno.test("task page - the assignee sees it without Edit; others get 404", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const task = (await api(app, s.producer).post("/api/tasks", {
      title: "Prep the dolly",
      assigneeId: s.crew.id,
    })).body;
    const crew = await pageAs(app, "crew", `/tasks/${task.id}`);
    assert.equal(crew.status, 200);
    assert.doesNotMatch(crew.html, /\?edit"/);
    assert.ok(visibleText(crew.html).includes("Paula Reyes created the task"));
    // `?edit` does nothing for someone who may not edit.
    const asked = await pageAs(app, "crew", `/tasks/${task.id}?edit`);
    assert.doesNotMatch(asked.html, /name="intent" value="edit"/);
    assert.equal((await pageAs(app, "vfx", `/tasks/${task.id}`)).status, 404);
  }));

Deno.test("task page - the no-JS edit form saves, refuses bad input and stale versions", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const task = (await api(app, s.producer).post("/api/tasks", {
      title: "Storyboard",
    })).body;
    const path = `/tasks/${task.id}`;
    const form = await pageAs(app, "producer", `${path}?edit`);
    assert.match(form.html, /name="intent" value="edit"/);
    assert.match(form.html, /name="title"[^>]*value="Storyboard"/);

    // Invalid: 400, the typed values again, nothing saved.
    const bad = await postForm(app, path, {
      ...EDIT_FIELDS,
      title: "  ",
      version: "1",
    }, form.cookie);
    assert.equal(bad.status, 400);
    const badHtml = await bad.text();
    // The department is a pick from the production's list: kept as chosen.
    assert.match(
      badHtml,
      /<select name="department"[^>]*>.*?<option value="Art" selected>/,
    );
    assert.match(badHtml, /aria-invalid/);
    // The summary names the field and links to it; focus starts there.
    assert.match(
      visibleText(badHtml),
      /Check this field: Title: Give the task a title/,
    );
    assert.match(badHtml, /href="#edit-title"/);
    assert.equal(badHtml.match(/id="edit-title"/g)?.length, 1);
    assert.match(
      badHtml,
      /id="edit-title"[^>]*autofocus|autofocus[^>]*id="edit-title"/,
    );
    assert.equal((await tasks.get(app.services.kv, task.id))!.version, 1);

    // Valid: saved, back to the page, the history says what changed.
    const ok = await postForm(app, path, {
      ...EDIT_FIELDS,
      version: "1",
    }, form.cookie);
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), `/p/northern-lights${path}`);
    const saved = (await tasks.get(app.services.kv, task.id))!;
    assert.equal(saved.title, "Storyboard the chase");
    assert.equal(saved.dueDate, "2027-03-01");
    const after = visibleText((await pageAs(app, "producer", path)).html);
    assert.ok(
      after.includes(
        "Paula Reyes changed title from “Storyboard” to “Storyboard the chase”, added a description, changed priority from Medium to High, set department to Art and set due date to 1 Mar 2027",
      ),
      after,
    );

    // Stale: 409, the message, nothing overwritten.
    const stale = await postForm(app, path, {
      ...EDIT_FIELDS,
      title: "Overwrite",
      version: "1",
    }, form.cookie);
    assert.equal(stale.status, 409);
    assert.match(visibleText(await stale.text()), /Someone changed this task/);
    assert.equal(
      (await tasks.get(app.services.kv, task.id))!.title,
      "Storyboard the chase",
    );
  }));

Deno.test("task page - history outlives the event log; demo tasks name their creator", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const p = api(app, s.producer);
    const task = (await p.post("/api/tasks", { title: "Lock the cut" })).body;
    await p.patch(`/api/tasks/${task.id}`, { priority: "urgent" });
    // As after the retention window: every logged event has expired.
    for await (const entry of app.services.kv.list({ prefix: ["events"] })) {
      await app.services.kv.delete(entry.key);
    }
    const history = visibleText(section(
      (await pageAs(app, "producer", `/tasks/${task.id}`)).html,
      "history-title",
    ));
    assert.ok(history.includes("changed priority from Medium to Urgent"));
    assert.ok(history.includes("Paula Reyes created the task"));

    // A seeded task has no entries, yet its creation is shown.
    const [seeded] = (await tasks.list(app.services.kv)).filter((t) =>
      t.id !== task.id
    );
    const demo = visibleText(section(
      (await pageAs(app, "producer", `/tasks/${seeded.id}`)).html,
      "history-title",
    ));
    assert.match(
      demo,
      /created the task · \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d/,
    );
  }));

Deno.test("task page - the department is picked from the production's list; a task's own one stays", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const production = (await getProduction(app.services.kv))!;
    const task = (await api(app, s.producer).post("/api/tasks", {
      title: "Call the harbour master",
      department: "Harbour liaison",
    })).body;
    const { html } = await pageAs(app, "producer", `/tasks/${task.id}?edit`);
    const select = html.slice(
      html.indexOf('<select name="department"'),
      html.indexOf("</select>", html.indexOf('<select name="department"')),
    );
    // An empty value renders as a bare `value` attribute.
    const options = [...select.matchAll(/<option value(?:="([^"]*)")?/g)].map((
      m,
    ) => (m[1] ?? "").replaceAll("&amp;", "&"));
    assert.deepEqual(options, [
      "",
      ...production.departments,
      "Harbour liaison",
    ]);
    assert.match(select, /<option value="Harbour liaison" selected>/);
  }));

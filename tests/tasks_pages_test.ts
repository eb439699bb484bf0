/**
 * The task board as the server renders it: whose names the cards show, and
 * due dates that say when a task is overdue, in the production's time zone.
 */
import assert from "node:assert/strict";
import { formatShortDate, todayIn } from "@/lib/format.ts";
import { getProduction, timeZoneOf } from "@/lib/production/store.ts";
import type { Task } from "@/lib/tasks/schemas.ts";
import { serviceContext } from "@/lib/service.ts";
import { createTask } from "@/lib/tasks/service.ts";
import { findMember } from "@/lib/team/members.ts";
import { findByUsername } from "@/lib/team/users.ts";
import { getPage, pageHtml } from "./helpers/pages.ts";
import { login, type TestApp, withModuleData } from "./helpers/test_app.ts";

/** The task board as `username` gets it (asserting a 200). */
async function board(app: TestApp, username: string): Promise<string> {
  return await pageHtml(app, "/tasks", (await login(app, username)).cookie);
}

/** The server-rendered cards, one string each. */
const cards = (html: string) =>
  html.match(/<li class="task-card[\s\S]*?<\/li>/g) ?? [];

/** `day` moved by `days` calendar days. */
function shift(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

Deno.test("tasks page - crew's own tasks do not repeat their name; the full board names assignees", () =>
  withModuleData(async (app) => {
    const crew = await board(app, "crew");
    assert.match(crew, /<h1>My tasks<\/h1>/);
    assert.ok(cards(crew).length > 0);
    for (const card of cards(crew)) {
      assert.doesNotMatch(card, /task-assignee|Sam Lindqvist/);
    }

    const producer = await board(app, "producer");
    const withNames = cards(producer).filter((c) =>
      c.includes('class="task-assignee')
    );
    assert.equal(withNames.length, cards(producer).length);
    assert.ok(withNames.some((c) => c.includes("Sam Lindqvist")));
    // Each card opens its task in this production.
    for (const card of cards(producer)) {
      const id = card.match(/data-task-id="([^"]+)"/)![1];
      assert.ok(
        card.includes(`href="/p/northern-lights/tasks/${id}"`),
        card,
      );
    }
  }));

Deno.test("tasks page - overdue tasks say so in words, with the year when not this one", () =>
  withModuleData(async (app) => {
    const kv = app.services.kv;
    const zone = timeZoneOf(await getProduction(kv));
    assert.equal(zone, "Europe/Oslo");
    const producer = (await findMember(kv, "producer"))!;
    const crew = (await findByUsername(kv, "crew"))!;
    const today = todayIn(zone);
    const lastYear = `${Number(today.slice(0, 4)) - 1}-11-20`;
    const add = (
      title: string,
      dueDate: string,
      status: Task["status"] = "todo",
    ) =>
      createTask(serviceContext(kv, producer), {
        title,
        description: "",
        status,
        priority: "medium",
        assigneeId: crew.id,
        department: "",
        dueDate,
      });
    await add("Yesterday's call sheet", shift(today, -1));
    await add("Last year's invoice", lastYear);
    await add("Today's recce", today);
    await add("Wrapped last year", lastYear, "done");

    const html = await board(app, "crew");
    const card = (title: string) => {
      const found = cards(html).find((c) => c.includes(`>${title}</a>`));
      assert.ok(found, `no card "${title}"`);
      return found;
    };
    const overdue = (day: string) =>
      `<span class="due is-overdue">Overdue <span aria-hidden="true">·</span>` +
      `<span class="visually-hidden">, was due</span> ` +
      `<time datetime="${day}">${formatShortDate(day, zone)}</time></span>`;

    assert.ok(
      card("Yesterday's call sheet").includes(overdue(shift(today, -1))),
      card("Yesterday's call sheet"),
    );
    const old = card("Last year's invoice");
    assert.ok(old.includes(overdue(lastYear)), old);
    assert.match(old, new RegExp(`>20 Nov ${lastYear.slice(0, 4)}</time>`));
    // Due today is not overdue yet; a done task never is.
    assert.doesNotMatch(card("Today's recce"), /Overdue/);
    assert.match(card("Today's recce"), />Due <time/);
    assert.doesNotMatch(card("Wrapped last year"), /Overdue/);
    assert.match(
      card("Wrapped last year"),
      new RegExp(
        `Due <time datetime="${lastYear}">20 Nov ${
          lastYear.slice(0, 4)
        }</time>`,
      ),
    );
  }));

Deno.test("tasks page - a stale bookmark's bad filter is dropped, the good ones kept (not a 400)", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "producer");
    const all = cards((await getPage(app, "/tasks", cookie)).html);
    const res = await getPage(
      app,
      "/tasks?status=no-such-status&priority=high&dueBefore=not-a-date",
      cookie,
    );
    assert.equal(res.status, 200);
    const shown = cards(res.html);
    assert.ok(shown.length > 0 && shown.length < all.length);
    for (const card of shown) assert.match(card, /High/);
  }));

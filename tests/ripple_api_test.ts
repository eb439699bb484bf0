/**
 * The script-revision ripple over HTTP: importing a revised draft answers
 * with its ripple, the flags each role may see, resolving by owners, bad
 * input as 4xx JSON, and the page.
 */
import assert from "node:assert/strict";
import { categories } from "@/lib/budget/budget_store.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { api, assertApiError, sessions } from "./helpers/api_client.ts";
import { pageAs, visibleText } from "./helpers/pages.ts";
import { DEMO_SLUG, withModuleData } from "./helpers/test_app.ts";

/** The demo film's address of an API that never existed outside one. */
const inFilm = (path: string) => `/api/p/${DEMO_SLUG}${path.slice(4)}`;

const REVISED = SAMPLE_SCREENPLAY
  .replace(
    "The great glass lens, taller than Ella.",
    "The great glass lens, cracked down the middle, taller than Ella.",
  )
  .replace(/INT\.\/EXT\. BRAM'S BOAT[\s\S]*?raincoat\.\n\n/, "");

Deno.test("ripple api - a revised draft flags a crew task on a changed scene; each role sees its own", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    const [script] = (await producer.get("/api/scripts")).body;
    const detail = (await producer.get(`/api/scripts/${script.id}`)).body;
    const scene4 = detail.scenes.find((x: { number: string }) =>
      x.number === "4"
    );
    const task = (await producer.post("/api/tasks", {
      title: "Rig the cracked lens",
      assigneeId: s.crew.id,
    })).body;
    const linked = await producer.post(inFilm("/api/links"), {
      from: `task:${task.id}`,
      to: `scene:${scene4.key}`,
    });
    assert.equal(linked.status, 201);

    const imported = await api(app, s.director).post(
      `/api/scripts/${script.id}/versions`,
      { source: REVISED },
    );
    assert.equal(imported.status, 201);
    assert.ok(imported.body.ripple.flags >= 1);

    const crewView = (await api(app, s.crew).get(inFilm("/api/ripple"))).body;
    // deno-lint-ignore no-explicit-any
    const allCrewFlags: any[] = crewView
      .drafts.flatMap((d: { flags: unknown[] }) => d.flags);
    // The demo board has both scenes on shooting days: the schedule is
    // flagged once for each, and crew reads the schedule.
    assert.equal(
      allCrewFlags.filter((f) => f.record.ref.type === "schedule").length,
      2,
    );
    // Crew also sees the flags of the omitted scene's elements (it reads
    // the script); of the rest, only its own task's.
    const crewFlags = allCrewFlags.filter((f) =>
      f.record.ref.type !== "element" && f.record.ref.type !== "schedule"
    );
    assert.deepEqual(
      crewFlags.map((f: { record: { ref: { id: string } } }) =>
        f.record.ref.id
      ),
      [task.id],
    );
    const flagged =
      (await api(app, s.crew).get(inFilm("/api/ripple/flagged?type=task")))
        .body;
    assert.deepEqual(flagged.ids, [task.id]);
    // The distribution manager sees no flag at all.
    const dist =
      (await api(app, s.distribution).get(inFilm("/api/ripple"))).body;
    assert.equal(dist.open, 0);

    const flag = crewFlags[0];
    // The flagged task's own page says so, with the way to resolve it.
    const taskPage = `/p/${DEMO_SLUG}/tasks/${task.id}`;
    const flagged4 = await pageAs(app, "crew", taskPage);
    assert.match(
      visibleText(flagged4.html),
      /Script changed Scene 4 [^.]*in draft 2\. Review and resolve/,
    );
    // So does a flagged element's page, to who may see the flag.
    const elementFlag = crewView.drafts.flatMap((d: { flags: unknown[] }) =>
      d.flags
    ).find((f: { record: { ref: { type: string } } }) =>
      f.record.ref.type === "element"
    );
    const elementPage = await pageAs(
      app,
      "director",
      `/p/${DEMO_SLUG}/elements/${elementFlag.record.ref.id}`,
    );
    assert.match(visibleText(elementPage.html), /Script changed Scene /);
    // And its row in the elements list; an unflagged element's row not.
    const list = (await pageAs(app, "director", `/p/${DEMO_SLUG}/elements`))
      .html;
    const rowOf = (id: string) =>
      list.match(new RegExp(`<tr data-element-id="${id}">.*?</tr>`, "s"))
        ?.[0] ?? "";
    assert.match(rowOf(elementFlag.record.ref.id), /Script changed/);
    const unflagged = [...list.matchAll(/data-element-id="([^"]+)"/g)]
      .map((m) => m[1]).find((id) =>
        !crewView.drafts.some((
          d: { flags: { record: { ref: { id: string } } }[] },
        ) => d.flags.some((f) => f.record.ref.id === id))
      )!;
    assert.ok(rowOf(unflagged).length > 0);
    assert.doesNotMatch(rowOf(unflagged), /Script changed/);
    const page = await pageAs(app, "crew", `/p/${DEMO_SLUG}/ripple`);
    assert.equal(page.status, 200);
    assert.match(visibleText(page.html), /Script changes/);
    assert.match(visibleText(page.html), /Rig the cracked lens/);

    // Dismissing needs a note; an unknown flag is 404; a bad body is 400.
    assertApiError(
      await api(app, s.crew).post(inFilm(`/api/ripple/flags/${flag.id}`), {
        resolution: "dismissed",
      }),
      400,
    );
    assertApiError(
      await api(app, s.crew).post(inFilm("/api/ripple/flags/nope"), {
        resolution: "kept",
      }),
      404,
    );
    assertApiError(
      await api(app, s.crew).post(inFilm(`/api/ripple/flags/${flag.id}`), {
        resolution: "ignored",
      }),
      400,
    );
    assertApiError(
      await api(app, s.crew).get(inFilm("/api/ripple/flagged?type=x")),
      400,
    );
    const done = await api(app, s.crew).post(
      inFilm(`/api/ripple/flags/${flag.id}`),
      {
        resolution: "updated",
        note: "New rig ordered",
      },
    );
    assert.equal(done.status, 200);
    assert.equal(done.body.status, "updated");
    assert.deepEqual(
      (await api(app, s.crew).get(inFilm("/api/ripple/flagged?type=task"))).body
        .ids,
      [],
    );
    // Resolved, it leaves the task's page.
    assert.doesNotMatch(
      visibleText((await pageAs(app, "crew", taskPage)).html),
      /Script changed/,
    );
  }));

Deno.test("ripple pages - a flagged budget line, expense and file carry 'Script changed' in their module's lists", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    const [script] = (await producer.get("/api/scripts")).body;
    const detail = (await producer.get(`/api/scripts/${script.id}`)).body;
    const scene4 = detail.scenes.find((x: { number: string }) =>
      x.number === "4"
    );
    const kv = productionKv(app.services.store, PRODUCTION_ID);
    const [line, other] = await categories.list(kv);
    // Two expenses and two files the pages list.
    const idsIn = async (role: string, path: string, attr: string) =>
      [
        ...(await pageAs(app, role, `/p/${DEMO_SLUG}${path}`)).html.matchAll(
          new RegExp(`${attr}="([^"]+)"`, "g"),
        ),
      ].map((m) => m[1]);
    const expenseList = (await idsIn("producer", "/budget", "data-expense-id"))
      .map((id) => ({ id }));
    const [file, otherFile] = (await idsIn("crew", "/assets", "data-asset-id"))
      .map((id) => ({ id }));
    for (
      const from of [
        `budget_category:${line.id}`,
        `expense:${expenseList[0].id}`,
        `asset:${file.id}`,
      ]
    ) {
      const to = `scene:${scene4.key}`;
      // A file is linked from the scene (files link to nothing).
      const body = from.startsWith("asset:")
        ? { from: to, to: from }
        : { from, to };
      assert.equal(
        (await producer.post(inFilm("/api/links"), body)).status,
        201,
      );
    }
    const imported = await api(app, s.director).post(
      `/api/scripts/${script.id}/versions`,
      { source: REVISED },
    );
    assert.equal(imported.status, 201);

    const html = (await pageAs(app, "producer", `/p/${DEMO_SLUG}/budget`))
      .html;
    const rowOf = (attr: string, id: string) =>
      html.match(new RegExp(`<tr[^>]*${attr}="${id}".*?</tr>`, "s"))?.[0] ??
        "";
    assert.match(rowOf("data-category-id", line.id), /Script changed/);
    assert.doesNotMatch(rowOf("data-category-id", other.id), /Script changed/);
    assert.match(rowOf("data-expense-id", expenseList[0].id), /Script changed/);
    assert.ok(rowOf("data-expense-id", expenseList[1].id).length > 0);
    assert.doesNotMatch(
      rowOf("data-expense-id", expenseList[1].id),
      /Script changed/,
    );

    const files = (await pageAs(app, "crew", `/p/${DEMO_SLUG}/assets`)).html;
    const tileOf = (id: string) =>
      files.match(new RegExp(`<li[^>]*data-asset-id="${id}".*?</li>`, "s"))
        ?.[0] ?? "";
    assert.match(tileOf(file.id), /Script changed/);
    assert.ok(tileOf(otherFile.id).length > 0);
    assert.doesNotMatch(tileOf(otherFile.id), /Script changed/);
  }));

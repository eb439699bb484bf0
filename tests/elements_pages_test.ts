/**
 * The element pages as the server renders them (issue #13): the list by
 * category with its filters, an element with its scenes, the rename and
 * merge forms without JavaScript, a merged element's old address, the
 * breakdown sheet's tags leading to their elements, the script reports'
 * element tables, an element's links both ways and its conversation.
 */
import assert from "node:assert/strict";
import { categories } from "@/lib/budget/budget_store.ts";
import { listElements } from "@/lib/elements/store.ts";
import { createLink } from "@/lib/links/service.ts";
import { serviceContext } from "@/lib/service.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { listMembers } from "@/lib/team/members.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import type { Element } from "@/lib/elements/shared.ts";
import { getPage, postForm, visibleText } from "./helpers/pages.ts";
import { login, type TestApp, withModuleData } from "./helpers/test_app.ts";

const BASE = "/p/northern-lights";
const READERS = ["producer", "prodmanager", "director", "crew", "vfx"];

async function elementNamed(app: TestApp, name: string): Promise<Element> {
  const all = await listElements(
    productionKv(app.services.store, PRODUCTION_ID),
  );
  const element = all.find((e) => e.name === name);
  assert.ok(element, name);
  return element;
}

Deno.test("element pages - every reader opens the list by category, cast with numbers; distribution gets 403", () =>
  withModuleData(async (app) => {
    for (const username of READERS) {
      const { cookie } = await login(app, username);
      const { status, html } = await getPage(app, `${BASE}/elements`, cookie);
      assert.equal(status, 200, username);
      assert.match(html, /<h1>Elements<\/h1>/);
      assert.match(
        html,
        /<a href="\/p\/northern-lights\/elements"[^>]*>Elements<\/a>/,
      );
      const sections = [...html.matchAll(/data-category="([a-z_]+)"/g)]
        .map((m) => m[1]);
      assert.equal(sections[0], "cast", username);
      assert.ok(sections.includes("props") && sections.includes("locations"));
      assert.ok(!sections.includes("notes"));
      assert.match(visibleText(html), /#1 MARGIT/);
    }
    const { cookie } = await login(app, "distribution");
    for (const path of ["/elements", "/elements/x", "/elements/lookup"]) {
      const page = await getPage(app, `${BASE}${path}`, cookie);
      assert.equal(page.status, 403, path);
      assert.doesNotMatch(page.html, /MARGIT/);
    }
  }));

Deno.test("element pages - the filters: a category, a search, nothing matching, a stale category ignored", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "crew");
    const get = async (query: string) =>
      (await getPage(app, `${BASE}/elements?${query}`, cookie)).html;
    const props = await get("category=props");
    assert.deepEqual(
      [
        ...new Set(
          [...props.matchAll(/<section[^>]*data-category="([a-z_]+)"/g)].map((
            m,
          ) => m[1]),
        ),
      ],
      ["props"],
    );
    assert.match(props, /<option value="props" selected>Props<\/option>/);
    const search = visibleText(await get("q=TOAST"));
    assert.match(search, /Burnt toast/);
    assert.doesNotMatch(search, /MARGIT/);
    assert.match(await get("q=zeppelin"), /No element matches/);
    // A bookmark naming a category that is no longer one still opens.
    assert.match(await get("category=notes"), /#1 MARGIT/);
  }));

Deno.test("element pages - an element: facts, its scenes linked to their sheets, the links section; forms for writers only", () =>
  withModuleData(async (app) => {
    const radio = await elementNamed(app, "Radio handset");
    const path = `${BASE}/elements/${radio.id}`;
    const crew = await login(app, "crew");
    const { status, html } = await getPage(app, path, crew.cookie);
    assert.equal(status, 200);
    assert.match(html, /<h1>Radio handset<\/h1>/);
    assert.match(html, /data-fact="scenes">1 · /);
    assert.match(
      html,
      /<a href="\/p\/northern-lights\/script\/[^"/]+\/scenes\/[^"/]+"><span class="visually-hidden">Scene<\/span>2<\/a>/,
    );
    assert.match(html, /INT\. LIGHTHOUSE - KITCHEN - DAY/);
    assert.match(html, /data-status="approved"/);
    // Its links panel and conversation, as on every record page.
    assert.match(visibleText(html), / Links .* Conversation \(0 comments \)/);
    assert.doesNotMatch(html, /name="intent" value="rename"/);
    const director = await login(app, "director");
    const theirs = (await getPage(app, path, director.cookie)).html;
    assert.match(theirs, /name="intent" value="rename"/);
    assert.match(theirs, /name="intent" value="merge"/);
    // Merge offers the other props, never another category.
    assert.match(theirs, />Jam jar<\/option>/);
    assert.doesNotMatch(theirs, />#1 MARGIT<\/option>/);
    // Cast shows its number.
    const margit = await elementNamed(app, "MARGIT");
    const cast = (await getPage(
      app,
      `${BASE}/elements/${margit.id}`,
      crew.cookie,
    )).html;
    assert.match(
      cast,
      /<span class="cast-number" title="Cast number">#1<\/span>MARGIT/,
    );
    assert.equal(
      (await getPage(app, `${BASE}/elements/missing`, crew.cookie)).status,
      404,
    );
  }));

Deno.test("element pages - an element's links both ways, never a budget line to crew", () =>
  withModuleData(async (app) => {
    const kv = productionKv(app.services.store, PRODUCTION_ID);
    const radio = await elementNamed(app, "Radio handset");
    const members = await listMembers(kv);
    const member = (role: string) => members.find((m) => m.role === role)!;
    const producer = member("producer");
    const cx = serviceContext(kv, {
      id: producer.id,
      name: producer.name,
      role: "producer",
    });
    const task = (await tasks.list(kv)).find((t) =>
      t.assigneeId === member("crew").id
    )!;
    const line = (await categories.list(kv)).find((c) =>
      /^[A-Za-z ]+$/.test(c.name)
    )!;
    const element = { type: "element" as const, id: radio.id };
    await createLink(cx, { type: "task", id: task.id }, element);
    await createLink(cx, { type: "budget_category", id: line.id }, element);
    const path = `${BASE}/elements/${radio.id}`;

    const asProducer = visibleText(
      (await getPage(app, path, (await login(app, "producer")).cookie)).html,
    );
    assert.match(asProducer, /Linked from/);
    assert.ok(asProducer.includes(task.title));
    assert.ok(asProducer.includes(`${line.code} ${line.name}`));

    const asCrew = (await getPage(app, path, (await login(app, "crew")).cookie))
      .html;
    assert.ok(visibleText(asCrew).includes(task.title));
    assert.ok(!asCrew.includes(`${line.code} ${line.name}`), "line leaked");
    assert.ok(!asCrew.includes(line.id), "line id leaked");
    // And the task's page links back to the element.
    const taskPage = (await getPage(
      app,
      `${BASE}/tasks/${task.id}`,
      (await login(app, "crew")).cookie,
    )).html;
    assert.ok(visibleText(taskPage).includes("Radio handset"));
  }));

Deno.test("element pages - rename and merge without JavaScript; a merged element's address leads to the one it became", () =>
  withModuleData(async (app) => {
    const jam = await elementNamed(app, "Jam jar");
    const toast = await elementNamed(app, "Burnt toast");
    const path = `${BASE}/elements/${jam.id}`;
    const { cookie } = await login(app, "prodmanager");
    // Another element's name: the page again, 409, the name kept.
    const taken = await postForm(app, path, {
      intent: "rename",
      name: "burnt toast",
      version: String(jam.version),
    }, cookie);
    assert.equal(taken.status, 409);
    const refused = await taken.text();
    assert.match(refused, /merge “Jam jar” into it instead/);
    assert.match(refused, /value="burnt toast"/);
    assert.match(refused, /aria-invalid="true"/);
    const stale = await postForm(app, path, {
      intent: "rename",
      name: "Jar",
      version: String(jam.version + 3),
    }, cookie);
    assert.equal(stale.status, 409);
    await stale.body?.cancel();
    const empty = await postForm(app, path, {
      intent: "rename",
      name: "  ",
      version: String(jam.version),
    }, cookie);
    assert.equal(empty.status, 400);
    await empty.body?.cancel();

    const renamed = await postForm(app, path, {
      intent: "rename",
      name: "Jar of jam",
      version: String(jam.version),
    }, cookie);
    assert.equal(renamed.status, 303);
    assert.equal(renamed.headers.get("location"), `${path}?renamed`);
    const after = (await getPage(app, `${path}?renamed`, cookie)).html;
    assert.match(after, /<h1>Jar of jam<\/h1>/);
    assert.match(after, /Renamed: the scenes of the current drafts/);
    assert.match(visibleText(after), /Also written jam jar/);

    const merged = await postForm(app, path, {
      intent: "merge",
      into: toast.id,
    }, cookie);
    assert.equal(merged.status, 303);
    const target = merged.headers.get("location")!;
    assert.ok(target.startsWith(`${BASE}/elements/${toast.id}?merged=`));
    assert.match(
      (await getPage(app, target, cookie)).html,
      /Merged “Jar of jam” into this element\./,
    );
    const old = await getPage(app, path, cookie);
    assert.equal(old.status, 308);
    assert.equal(
      old.res.headers.get("location"),
      `${BASE}/elements/${toast.id}`,
    );

    // Crew may read, not write.
    const crew = await login(app, "crew");
    const refusedCrew = await postForm(app, `${BASE}/elements/${toast.id}`, {
      intent: "rename",
      name: "Toast",
    }, crew.cookie);
    assert.equal(refusedCrew.status, 403);
    await refusedCrew.body?.cancel();
  }));

Deno.test("element pages - breakdown tags lead to their elements; the script reports list scenes by element and elements by scene", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "vfx");
    const radio = await elementNamed(app, "Radio handset");
    const lookup = await getPage(
      app,
      `${BASE}/elements/lookup?category=props&name=radio%20HANDSET`,
      cookie,
    );
    assert.equal(lookup.status, 303);
    assert.equal(
      lookup.res.headers.get("location"),
      `${BASE}/elements/${radio.id}`,
    );
    const unknown = await getPage(
      app,
      `${BASE}/elements/lookup?category=props&name=Zeppelin`,
      cookie,
    );
    assert.equal(unknown.status, 303);
    assert.equal(
      unknown.res.headers.get("location"),
      `${BASE}/elements?category=props&q=Zeppelin`,
    );

    const scripts = (await getPage(app, `${BASE}/script`, cookie)).html;
    const scriptPath =
      scripts.match(/href="(\/p\/northern-lights\/script\/[^"/?]+)"/)![1];
    const list = (await getPage(app, scriptPath, cookie)).html;
    const scenePath = list.match(
      /href="(\/p\/northern-lights\/script\/[^"/]+\/scenes\/[^"]+)"/,
    )![1];
    const sheet = (await getPage(app, scenePath, cookie)).html;
    assert.match(
      sheet,
      /<a class="bd-tag-text" href="\/p\/northern-lights\/elements\/lookup\?category=cast&amp;name=MARGIT">MARGIT<\/a>/,
    );

    const reports = (await getPage(app, `${scriptPath}/reports`, cookie)).html;
    assert.match(reports, /<h2 id="by-element">Scenes by element<\/h2>/);
    assert.match(reports, /<h2 id="elements-by-scene">Elements by scene<\/h2>/);
    assert.match(
      reports,
      new RegExp(
        `<a href="/p/northern-lights/elements/${radio.id}">Radio handset</a>`,
      ),
    );
    assert.match(reports, /data-report="elements-by-scene"/);
  }));

Deno.test("element pages - a production with no script says so", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "producer");
    const page = await getPage(app, "/p/saltwater-block-2/elements", cookie);
    assert.equal(page.status, 200);
    assert.match(page.html, /No elements yet/);
    assert.match(page.html, /href="\/p\/saltwater-block-2\/script"/);
  }));

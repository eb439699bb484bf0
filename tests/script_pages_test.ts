/**
 * The script pages as the server renders them: who may open them, the
 * library with the seeded "Salt Light", the scene list with eighths and
 * statuses, the reading view, a breakdown sheet's tags under their
 * category labels, the reports, and the forms without JavaScript.
 */
import assert from "node:assert/strict";
import { formatEighths } from "@/lib/script/breakdown.ts";
import type { Scene } from "@/lib/script/schemas.ts";
import { serviceContext } from "@/lib/service.ts";
import { getScript, listScripts } from "@/lib/script/service.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { getPage, postForm, withoutScripts } from "./helpers/pages.ts";
import { login, type TestApp, withModuleData } from "./helpers/test_app.ts";

const READERS = DEMO_USERS.filter((u) => u.role !== "distribution_manager")
  .map((u) => u.username);
const WRITERS = ["director", "producer", "prodmanager"];
const DIRECTOR = { id: "seed", role: "director" as const, name: "Test" };

/** A test app with the sample data; `fn` gets the seeded script's id. */
function withScriptApp(
  fn: (app: TestApp, scriptId: string) => Promise<void>,
) {
  return withModuleData(async (app) => {
    const [script] = await listScripts(
      serviceContext(app.services.kv, DIRECTOR),
    );
    assert.equal(script.title, "Salt Light");
    await fn(app, script.id);
  });
}

/** The `<tr>` of a scene in the scene list. */
function row(html: string, sceneId: string): string {
  const match = html.match(
    new RegExp(`<tr[^>]*data-scene-id="${sceneId}"[\\s\\S]*?</tr>`),
  );
  assert.ok(match, `row of scene ${sceneId}`);
  return match[0];
}

const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

async function scenesOf(app: TestApp, scriptId: string): Promise<Scene[]> {
  return (await getScript(serviceContext(app.services.kv, DIRECTOR), scriptId))
    .scenes;
}

Deno.test("script pages - every role but distribution opens /script; Salt Light is listed", () =>
  withScriptApp(async (app, scriptId) => {
    for (const username of READERS) {
      const { cookie } = await login(app, username);
      const { status, html } = await getPage(app, "/script", cookie);
      assert.equal(status, 200, username);
      assert.match(html, /<h1>Scripts<\/h1>/);
      assert.match(
        html,
        new RegExp(
          `<a href="/p/northern-lights/script/${scriptId}">Salt Light</a>`,
        ),
      );
      assert.match(html, /Draft 1/);
      // The import form only for those who may import.
      assert.equal(
        html.includes('aria-label="Import a script"'),
        WRITERS.includes(username),
        username,
      );
      // It posts to this production's script page.
      const forms = html.match(/<form[^>]*script-import-form[^>]*>/g) ?? [];
      assert.equal(forms.length > 0, WRITERS.includes(username), username);
      for (const form of forms) {
        assert.match(form, /action="\/p\/northern-lights\/script"/, username);
      }
      const view = await getPage(app, `/script/${scriptId}`, cookie);
      assert.equal(view.status, 200, username);
    }
    const { cookie } = await login(app, "distribution");
    for (
      const path of [
        "/script",
        `/script/${scriptId}`,
        `/script/${scriptId}/reports`,
      ]
    ) {
      const page = await getPage(app, path, cookie);
      assert.equal(page.status, 403, path);
      assert.doesNotMatch(page.html, /Salt Light/);
    }
    const form = await postForm(app, "/script", {
      intent: "create",
      source: "INT. HOUSE - DAY\n\nHello.\n",
    }, cookie);
    assert.equal(form.status, 403);
  }));

Deno.test("script pages - the scene list shows eighths, statuses and characters", () =>
  withScriptApp(async (app, scriptId) => {
    const { cookie } = await login(app, "crew");
    const { html: raw } = await getPage(app, `/script/${scriptId}`, cookie);
    const html = withoutScripts(raw);
    const scenes = await scenesOf(app, scriptId);
    assert.equal(scenes.length, 10);
    const labels = {
      draft: "Draft",
      broken_down: "Broken down",
      approved: "Approved",
      omitted: "Omitted",
    };
    for (const scene of scenes) {
      const tr = row(html, scene.id);
      assert.match(
        tr,
        new RegExp(`data-cell="eighths">${formatEighths(scene.eighths)}<`),
      );
      assert.match(tr, new RegExp(`>${labels[scene.status]}</span>`));
      assert.ok(tr.includes(escapeHtml(scene.heading)), scene.heading);
      assert.ok(
        tr.includes(
          `href="/p/northern-lights/script/${scriptId}/scenes/${scene.id}"`,
        ),
      );
      for (const name of scene.characters) {
        assert.ok(tr.includes(escapeHtml(name)), name);
      }
    }
    // Seeded: scenes 1–2 approved, three more broken down, the rest draft.
    const count = (status: string) =>
      scenes.filter((s) => s.status === status).length;
    assert.deepEqual(scenes.slice(0, 2).map((s) => s.status), [
      "approved",
      "approved",
    ]);
    assert.equal(count("broken_down"), 3);
    assert.equal(count("draft"), 5);
    assert.match(html, /2 approved/);
    assert.match(html, /3 broken down/);
    assert.match(html, /EXT\. NORTH POINT LIGHTHOUSE - DAWN/);
    // Crew reads; no new-draft form.
    assert.doesNotMatch(html, /Import new draft/);
  }));

Deno.test("script pages - reading view, drafts and bad queries", () =>
  withScriptApp(async (app, scriptId) => {
    const { cookie } = await login(app, "director");
    const { status, html } = await getPage(
      app,
      `/script/${scriptId}?view=read`,
      cookie,
    );
    assert.equal(status, 200);
    assert.match(html, /class="screenplay"/);
    assert.match(html, /<p class="sp-character">MARGIT<\/p>/);
    assert.match(html, /<p class="sp-dialogue">Three\.\.\. four\.<\/p>/);
    assert.match(html, /<p class="sp-parenthetical">\(into the handset\)/);
    assert.match(html, /class="sp-transition"/);
    assert.match(html, /aria-current="page"[^>]*>Reading view|Reading view/);
    // The director may import a new draft.
    assert.match(html, /Import new draft/);
    assert.equal(
      (await getPage(app, `/script/${scriptId}?version=2`, cookie)).status,
      404,
    );
    assert.equal(
      (await getPage(app, `/script/${scriptId}?version=zero`, cookie)).status,
      400,
    );
    assert.equal((await getPage(app, "/script/nope", cookie)).status, 404);
  }));

Deno.test("script pages - the breakdown sheet shows tags under their category labels", () =>
  withScriptApp(async (app, scriptId) => {
    const [first, , third] = await scenesOf(app, scriptId);
    const { cookie } = await login(app, "crew");
    const { status, html: raw } = await getPage(
      app,
      `/script/${scriptId}/scenes/${first.id}`,
      cookie,
    );
    assert.equal(status, 200);
    const html = withoutScripts(raw);
    assert.match(html, /EXT\. NORTH POINT LIGHTHOUSE - DAWN/);
    const box = (category: string) => {
      const m = html.match(
        new RegExp(
          `<section class="bd-category" data-category="${category}"[\\s\\S]*?</section>`,
        ),
      );
      assert.ok(m, category);
      return m[0];
    };
    assert.match(box("props"), /Props/);
    assert.match(box("props"), /Mug of coffee/);
    assert.match(box("props"), /--cat-color: violet/);
    assert.match(box("cast"), /Cast/);
    assert.match(box("cast"), /MARGIT/i);
    assert.match(box("sfx"), /Special effects[\s\S]*Morning fog/);
    assert.match(box("wardrobe"), /data-mark="circle"/);
    assert.match(box("stunts"), /None/);
    assert.match(html, /First shot of the film/);
    assert.match(html, />Approved<\/span>/);
    // Crew cannot change anything: no forms.
    assert.doesNotMatch(html, /name="intent"/);

    // The director sees the moves of a broken-down scene and tag controls.
    const director = await login(app, "director");
    const sheet = withoutScripts(
      (await getPage(
        app,
        `/script/${scriptId}/scenes/${third.id}`,
        director.cookie,
      ))
        .html,
    );
    assert.match(sheet, />Approve<\/button>/);
    assert.match(sheet, />Omit<\/button>/);
    assert.match(sheet, /aria-label="Remove Supply boat from Vehicles"/);
    assert.match(sheet, /name="tag"/);
    // The production manager: no Approve button, a hint instead.
    const pm = await login(app, "prodmanager");
    const pmSheet = withoutScripts(
      (await getPage(app, `/script/${scriptId}/scenes/${third.id}`, pm.cookie))
        .html,
    );
    assert.doesNotMatch(pmSheet, />Approve<\/button>/);
    assert.match(pmSheet, /The director or the producer approves/);
    assert.equal(
      (await getPage(app, `/script/${scriptId}/scenes/nope`, pm.cookie)).status,
      404,
    );
  }));

Deno.test("script pages - reports: scenes by location and characters by scene", () =>
  withScriptApp(async (app, scriptId) => {
    const { cookie } = await login(app, "vfx");
    const { status, html } = await getPage(
      app,
      `/script/${scriptId}/reports`,
      cookie,
    );
    assert.equal(status, 200);
    assert.match(html, /<h1>Breakdown reports<\/h1>/);
    const scenes = await scenesOf(app, scriptId);
    const total = scenes.reduce((n, s) => n + s.eighths, 0);
    assert.ok(html.includes(`10 scenes · ${formatEighths(total)} pages`));
    const locations = html.match(
      /<table[^>]*data-report="locations"[\s\S]*?<\/table>/,
    )![0];
    assert.match(locations, /<th scope="row">NORTH POINT LIGHTHOUSE<\/th>/);
    assert.match(locations, /<th scope="row">JETTY<\/th>/);
    const cast = html.match(/<table[^>]*data-report="cast"[\s\S]*?<\/table>/)![
      0
    ];
    assert.match(cast, /<th scope="row">MARGIT<\/th>/);
    assert.match(cast, /In scene 1</);
    // One column per scene.
    assert.equal(
      [...cast.matchAll(/<th scope="col" class="num" title=/g)]
        .length,
      10,
    );
  }));

Deno.test("script pages - no-JS status form: the director approves, the production manager cannot", () =>
  withScriptApp(async (app, scriptId) => {
    const scenes = await scenesOf(app, scriptId);
    const third = scenes[2];
    const fourth = scenes[3];
    const path = (s: Scene) => `/script/${scriptId}/scenes/${s.id}`;

    const pm = await login(app, "prodmanager");
    const refused = await postForm(app, path(fourth), {
      intent: "status",
      status: "approved",
      version: String(fourth.version),
    }, pm.cookie);
    assert.equal(refused.status, 403);
    const refusedHtml = await refused.text();
    assert.match(
      refusedHtml,
      /Only the director or the producer approves a breakdown/,
    );
    assert.match(refusedHtml, /role="alert"/);

    const director = await login(app, "director");
    const res = await postForm(app, path(third), {
      intent: "status",
      status: "approved",
      version: String(third.version),
    }, director.cookie);
    assert.equal(res.status, 303);
    assert.equal(
      res.headers.get("location"),
      `/p/northern-lights${path(third)}?saved`,
    );
    const after = (await scenesOf(app, scriptId))[2];
    assert.equal(after.status, "approved");
    assert.equal(after.approvedByName, "Dana Kowalski");
    const page = await getPage(app, `${path(third)}?saved`, director.cookie);
    assert.match(page.html, />Saved\.</);
    assert.match(page.html, /by Dana Kowalski/);

    // A stale version: the current scene and a conflict message.
    const stale = await postForm(app, path(third), {
      intent: "status",
      status: "broken_down",
      version: String(third.version),
    }, director.cookie);
    assert.equal(stale.status, 409);
    assert.match(await stale.text(), /Someone else changed this scene/);

    // Tags and notes through the forms.
    const added = await postForm(app, path(fourth), {
      intent: "add",
      category: "props",
      tag: "  Brass   key ",
      version: String(fourth.version),
    }, pm.cookie);
    assert.equal(added.status, 303);
    let now = (await scenesOf(app, scriptId))[3];
    assert.ok(now.breakdown.props.includes("Brass key"));
    const removed = await postForm(app, path(fourth), {
      intent: "remove",
      category: "props",
      tag: "brass key",
      version: String(now.version),
    }, pm.cookie);
    assert.equal(removed.status, 303);
    now = (await scenesOf(app, scriptId))[3];
    assert.ok(!now.breakdown.props.includes("Brass key"));
    const notes = await postForm(app, path(fourth), {
      intent: "notes",
      notes: "Night shoot: book the generator.",
      version: String(now.version),
    }, pm.cookie);
    assert.equal(notes.status, 303);
    assert.equal(
      (await scenesOf(app, scriptId))[3].notes,
      "Night shoot: book the generator.",
    );
    // Crew: 403 for any form.
    const crew = await login(app, "crew");
    const crewPost = await postForm(app, path(fourth), {
      intent: "notes",
      notes: "x",
      version: "1",
    }, crew.cookie);
    assert.equal(crewPost.status, 403);
  }));

Deno.test("script pages - no-JS import: a new script and a new draft", () =>
  withScriptApp(async (app, scriptId) => {
    const { cookie } = await login(app, "producer");
    const res = await postForm(app, "/script", {
      intent: "create",
      title: "Low Tide",
      source:
        "INT. BOATHOUSE - NIGHT\n\nRain on the roof.\n\nBRAM\nWho's there?\n\nEXT. BEACH - DAY\n\nGulls.\n",
    }, cookie);
    assert.equal(res.status, 303);
    const location = res.headers.get("location")!;
    assert.match(location, /^\/p\/northern-lights\/script\/[\w-]+\?imported$/);
    const view = await getPage(app, location, cookie);
    assert.equal(view.status, 200);
    assert.match(view.html, /<h1>Low Tide<\/h1>/);
    assert.match(view.html, /Script imported\./);
    assert.match(view.html, /INT\. BOATHOUSE - NIGHT/);
    const list = await getPage(app, "/script", cookie);
    assert.match(list.html, />Low Tide</);

    // Refusals render the form again with the message and the text.
    const empty = await postForm(app, "/script", {
      intent: "create",
      title: "Nothing",
      source: "Just some words, no scene headings.\n",
    }, cookie);
    assert.equal(empty.status, 400);
    const emptyHtml = await empty.text();
    assert.match(emptyHtml, /No scene headings found/);
    assert.match(emptyHtml, /Just some words, no scene headings\./);
    const binary = await postForm(app, "/script", {
      intent: "create",
      title: "Binary",
      source: "INT. A - DAY\n\u0000\u0001\u0002\u0000\u0000 data",
    }, cookie);
    assert.equal(binary.status, 415);
    assert.match(await binary.text(), /not a Fountain text file/);

    // A new draft of Salt Light: one scene changed.
    const source = (await import("@/lib/fountain/sample.ts"))
      .SAMPLE_SCREENPLAY.replace("Three... four.", "Three... four... five.");
    const draft = await postForm(app, "/script", {
      intent: "draft",
      scriptId,
      source,
    }, cookie);
    assert.equal(draft.status, 303);
    assert.equal(
      draft.headers.get("location"),
      `/p/northern-lights/script/${scriptId}?drafted`,
    );
    const v2 = await getPage(app, `/script/${scriptId}`, cookie);
    assert.match(v2.html, /Draft 2 \(current\)/);
    assert.match(v2.html, /data-change="changed"/);
    assert.match(v2.html, /Needs review/);
    const v1 = await getPage(app, `/script/${scriptId}?version=1`, cookie);
    assert.equal(v1.status, 200);
    assert.match(v1.html, /is history and read-only/);
    assert.doesNotMatch(v1.html, /Import new draft/);
  }));

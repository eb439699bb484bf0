/**
 * `/settings`: the production's settings as a server-rendered form for
 * producers and production managers (works without JavaScript), read-only
 * for everyone else.
 */
import assert from "node:assert/strict";
import { getProduction } from "@/lib/production/store.ts";
import {
  getPage,
  pageAs,
  pageHtml,
  postForm,
  sidebar,
  visibleText,
  withoutScripts,
} from "./helpers/pages.ts";
import { login, type TestApp, withApp } from "./helpers/test_app.ts";

/** The form as the page fills it for the stored settings, with `changes`. */
async function fields(
  app: TestApp,
  changes: Record<string, string> = {},
): Promise<Record<string, string>> {
  const p = (await getProduction(app.services.kv))!;
  return {
    version: String(p.version),
    title: p.title,
    slug: p.slug,
    kind: p.kind,
    company: p.company,
    currency: p.currency,
    timeZone: p.timeZone,
    startDate: p.startDate,
    wrapDate: p.wrapDate,
    departments: p.departments.join("\r\n"),
    shotCodePattern: p.shotCodePattern,
    ...changes,
  };
}

/** The attributes of the form control named `name`. */
function control(html: string, name: string): string {
  const match = html.match(
    new RegExp(`<(?:input|select|textarea)\\b[^>]*name="${name}"[^>]*>`),
  );
  assert.ok(match, `a control named ${name}`);
  return match[0];
}

Deno.test("settings page - the production office edits; the sidebar leads there", () =>
  withApp(async (app) => {
    for (const username of ["producer", "prodmanager"]) {
      const { status, html } = await pageAs(app, username, "/settings");
      assert.equal(status, 200, username);
      assert.match(
        sidebar(html),
        /href="\/p\/northern-lights\/settings" aria-current="page"/,
      );
      assert.match(html, /<h1>Production settings<\/h1>/);
      assert.match(control(html, "title"), /value="Northern Lights"/);
      assert.match(control(html, "slug"), /value="northern-lights"/);
      assert.match(html, /<option value="feature" selected>Feature film/);
      assert.match(html, /<option value="EUR" selected>EUR — Euro/);
      assert.match(html, /<option value="Europe\/Oslo" selected>/);
      assert.match(control(html, "startDate"), /type="date"/);
      assert.match(html, /<textarea[^>]*name="departments"[^>]*>Production\n/);
      assert.match(
        visibleText(html),
        /Default PREFIX_SEQ_SHOT; codes now look like NL_010_0040\./,
      );
      // Every hint is wired to its field.
      assert.match(
        control(html, "slug"),
        /aria-describedby="settings-slug-hint"/,
      );
    }
  }));

Deno.test("settings page - everyone else reads the settings, without a form or a sidebar entry", () =>
  withApp(async (app) => {
    for (const username of ["director", "crew", "vfx", "distribution"]) {
      const { status, html } = await pageAs(app, username, "/settings");
      assert.equal(status, 200, username);
      assert.doesNotMatch(sidebar(html), /\/settings"/, username);
      assert.doesNotMatch(html, /class="settings-form"/, username);
      const text = visibleText(withoutScripts(html));
      assert.match(text, /Name Northern Lights Kind Feature film/, username);
      assert.match(text, /Shoot 1 Feb 2027 – 30 Apr 2027/, username);
      assert.match(text, /Shot codes PREFIX_SEQ_SHOT, e\.g\. NL_010_0040/);
    }
    const { cookie } = await login(app, "crew");
    const res = await postForm(
      app,
      "/settings",
      await fields(app, { title: "Mine" }),
      cookie,
    );
    assert.equal(res.status, 403);
    assert.match(await res.text(), /role="alert">Only producers and/);
    assert.equal(
      (await getProduction(app.services.kv))?.title,
      "Northern Lights",
    );
  }));

Deno.test("settings page - a save without JavaScript: stored, then the page says so", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "prodmanager");
    const res = await postForm(
      app,
      "/settings",
      await fields(app, {
        title: "Northern Lights Redux",
        slug: "northern-lights-dc",
        kind: "other",
        timeZone: "America/New_York",
        departments: " Camera \r\n\r\nStunts\r\nPost",
        shotCodePattern: "SEQ4-SHOT",
      }),
      cookie,
    );
    assert.equal(res.status, 303);
    // The production's pages moved with its slug: to the new address.
    assert.equal(
      res.headers.get("location"),
      "/p/northern-lights-dc/settings?done=saved",
    );
    const p = (await getProduction(app.services.kv))!;
    assert.equal(p.title, "Northern Lights Redux");
    assert.equal(p.slug, "northern-lights-dc");
    assert.equal(p.kind, "other");
    assert.equal(p.timeZone, "America/New_York");
    assert.deepEqual(p.departments, ["Camera", "Stunts", "Post"]);
    assert.equal(p.shotCodePattern, "SEQ4-SHOT");
    assert.equal(p.version, 2);
    const html = await pageHtml(
      app,
      res.headers.get("location")!,
      cookie,
    );
    assert.match(html, /<p class="notice" role="status">Settings saved\.<\/p>/);
    assert.match(visibleText(html), /codes now look like 0010-0040\./);
    // The dashboard shows the new name and kind; its links use the new slug.
    const dashboard = await pageHtml(app, "/p/northern-lights-dc", cookie);
    const home = visibleText(dashboard);
    assert.match(home, /Northern Lights Redux · Aurora Pictures · Other/);
    assert.match(
      sidebar(dashboard),
      /<a href="\/p\/northern-lights-dc\/settings">Settings<\/a>/,
    );
  }));

Deno.test("settings page - every field's problem at once, the typing kept, focus on the first", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const res = await postForm(
      app,
      "/settings",
      await fields(app, {
        title: "  ",
        slug: "Northern Lights",
        startDate: "2027-05-01",
        wrapDate: "2027-04-01",
        departments: "Camera\r\ncamera",
        shotCodePattern: "SEQ_SEQ",
      }),
      cookie,
    );
    assert.equal(res.status, 400);
    const html = await res.text();
    const summary =
      html.match(/<div class="form-error error-summary"[\s\S]*?<\/div>/)![0];
    assert.match(summary, /Check these 5 fields:/);
    for (
      const [field, message] of [
        ["title", "Give the production a name"],
        ["slug", "Use lower-case letters"],
        ["wrapDate", "The wrap date cannot be before the start date"],
        ["departments", "“camera” is listed twice"],
        ["shotCodePattern", "SEQ appears twice"],
      ]
    ) {
      assert.match(summary, new RegExp(`href="#settings-${field}"`), field);
      assert.match(
        html,
        new RegExp(
          `<span class="field-error" id="settings-${field}-error">${message}`,
        ),
        field,
      );
      assert.match(control(html, field), /aria-invalid="true"/, field);
    }
    assert.match(control(html, "title"), /autofocus/);
    assert.doesNotMatch(control(html, "slug"), /autofocus/);
    assert.match(control(html, "slug"), /value="Northern Lights"/);
    assert.match(html, /<textarea[^>]*>Camera\ncamera<\/textarea>/);
    assert.equal((await getProduction(app.services.kv))?.version, 1);
  }));

Deno.test("settings page - a save that lost to someone else's keeps the typing and shows theirs", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const form = await fields(app, { company: "Aurora Pictures Ltd" });
    // The production manager saves first.
    const pm = await login(app, "prodmanager");
    const first = await postForm(
      app,
      "/settings",
      await fields(app, { timeZone: "Europe/London" }),
      pm.cookie,
    );
    assert.equal(first.status, 303);
    const res = await postForm(app, "/settings", form, cookie);
    assert.equal(res.status, 409);
    const html = await res.text();
    assert.match(
      html,
      /Someone else saved the settings while you were editing/,
    );
    assert.match(control(html, "company"), /value="Aurora Pictures Ltd"/);
    assert.match(control(html, "version"), /value="2"/);
    assert.match(
      visibleText(html),
      /Saved meanwhile: Aurora Pictures .*Saved meanwhile: Europe\/London/,
    );
    const p = (await getProduction(app.services.kv))!;
    assert.equal(p.company, "Aurora Pictures");
    assert.equal(p.timeZone, "Europe/London");
    // Saving again, now on the current version, goes through.
    const again = await postForm(
      app,
      "/settings",
      { ...form, version: "2", timeZone: "Europe/London" },
      cookie,
    );
    assert.equal(again.status, 303);
    assert.equal(
      (await getProduction(app.services.kv))?.company,
      "Aurora Pictures Ltd",
    );
  }));

Deno.test("settings page - the currency is read-only once the budget holds amounts", () =>
  withApp(
    async (app) => {
      const { cookie } = await login(app, "producer");
      const { html } = await getPage(app, "/settings", cookie);
      assert.match(control(html, "currency"), /readonly/);
      assert.match(
        visibleText(html),
        /The budget or the VFX bids hold amounts in EUR, so it stays\./,
      );
      const res = await postForm(
        app,
        "/settings",
        await fields(app, { currency: "USD" }),
        cookie,
      );
      assert.equal(res.status, 409);
      const refused = await res.text();
      assert.match(
        refused,
        /id="settings-currency-error">The currency cannot change/,
      );
      assert.match(control(refused, "currency"), /value="EUR"/);
    },
    {},
    { moduleData: true },
  ));

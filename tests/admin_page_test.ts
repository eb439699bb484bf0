/**
 * The studio admin page `/admin` (issue #12) as a browser without
 * JavaScript uses it: server-rendered tables of productions and accounts,
 * plain form posts with an `intent`, a 303 back with a notice, and errors
 * inline in the form that failed.
 */
import assert from "node:assert/strict";
import { findByUsername } from "@/lib/team/users.ts";
import { api } from "./helpers/api_client.ts";
import { getPage, pageHtml, postForm, visibleText } from "./helpers/pages.ts";
import { login, type TestApp, withApp } from "./helpers/test_app.ts";

const PRODUCTION_FORM = {
  intent: "create_production",
  title: "Harbour Lights",
  slug: "",
  kind: "commercial",
  company: "",
  currency: "NOK",
  timeZone: "Europe/Oslo",
  startDate: "2027-08-02",
  wrapDate: "2027-08-06",
};

/** Posts as the admin and follows the 303 back; returns the page's text. */
async function submit(
  app: TestApp,
  cookie: string,
  fields: Record<string, string>,
): Promise<{ location: string; text: string }> {
  const res = await postForm(app, "/admin", fields, cookie);
  assert.equal(res.status, 303, await res.clone().text());
  const location = res.headers.get("location")!;
  assert.match(location, /^\/admin\?done=/);
  return {
    location,
    text: visibleText(await pageHtml(app, location, cookie)),
  };
}

/** Whether `username` may sign in with `password`. */
async function signsIn(app: TestApp, username: string, password: string) {
  const res = await app.fetch("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  await res.body?.cancel();
  return res.status === 200;
}

async function idOf(app: TestApp, username: string): Promise<string> {
  return (await findByUsername(app.services.store, username))!.id;
}

Deno.test("/admin - signed out goes to sign-in and back; other roles get the 403 page", () =>
  withApp(async (app) => {
    const res = await app.fetch("/admin", { redirect: "manual" });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login?next=%2Fadmin");
    await res.body?.cancel();
    const post = await postForm(app, "/admin", PRODUCTION_FORM);
    assert.equal(post.status, 303);
    await post.body?.cancel();
    for (
      const who of ["prodmanager", "director", "crew", "vfx", "distribution"]
    ) {
      const { cookie } = await login(app, who);
      const page = await getPage(app, "/admin", cookie);
      assert.equal(page.status, 403, who);
      assert.match(page.html, /Not available/);
      const posted = await postForm(app, "/admin", PRODUCTION_FORM, cookie);
      assert.equal(posted.status, 403, who);
      await posted.body?.cancel();
    }
    // None of the refused posts created anything.
    const { token } = await login(app, "producer");
    const productions = await api(app, { token }).get("/api/productions");
    assert.equal(productions.body.length, 2);
  }));

Deno.test("/admin - productions with kind, member count and state; accounts with status, admin flag and memberships", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const html = await pageHtml(app, "/admin", cookie);
    const text = visibleText(html);
    assert.match(text, /Studio administration/);
    assert.match(
      text,
      /Northern Lights \/p\/northern-lights Feature film 6 Active/,
    );
    assert.match(
      text,
      /Saltwater — Block 2 \/p\/saltwater-block-2 Series 3 Active/,
    );
    assert.match(
      text,
      /Sam Lindqvist crew Active No Northern Lights — Crew Saltwater — Block 2 — Production manager/,
    );
    assert.match(text, /Paula Reyes \(you\) producer Active Yes/);
    // Never a button that deactivates oneself.
    assert.ok(!html.includes('aria-label="Deactivate Paula Reyes"'));
    assert.match(html, /aria-label="Deactivate Sam Lindqvist"/);
    assert.match(html, /aria-label="Archive Northern Lights"/);
    assert.ok(!/passwordHash|pbkdf2/i.test(html));
  }));

Deno.test("/admin - creating a production makes the admin its producer; bad input and a taken slug show inline and create nothing", () =>
  withApp(async (app) => {
    const { cookie, token } = await login(app, "producer");
    const bad = await postForm(app, "/admin", {
      ...PRODUCTION_FORM,
      title: " ",
      wrapDate: "2027-08-01",
    }, cookie);
    assert.equal(bad.status, 400);
    const badHtml = await bad.text();
    assert.match(badHtml, /id="production-title"[^>]*aria-invalid="true"/);
    assert.match(visibleText(badHtml), /Give the production a name/);
    // What was typed stays in the form.
    assert.match(badHtml, /name="startDate"[^>]*value="2027-08-02"/);

    const taken = await postForm(app, "/admin", {
      ...PRODUCTION_FORM,
      slug: "northern-lights",
    }, cookie);
    assert.equal(taken.status, 409);
    const takenHtml = await taken.text();
    assert.match(takenHtml, /id="production-slug"[^>]*aria-invalid="true"/);
    assert.match(
      visibleText(takenHtml),
      /already has the slug “northern-lights”/,
    );
    const mine = async () =>
      (await api(app, { token }).get("/api/productions")).body.map((
        p: { slug: string; role: string },
      ) => `${p.slug}:${p.role}`);
    assert.deepEqual(await mine(), [
      "northern-lights:producer",
      "saltwater-block-2:producer",
    ]);

    const { location, text } = await submit(app, cookie, PRODUCTION_FORM);
    assert.equal(
      location,
      "/admin?done=production_created&slug=harbour-lights",
    );
    assert.match(text, /Production created, with you as its producer/);
    assert.match(
      text,
      /Harbour Lights \/p\/harbour-lights Commercial 1 Active/,
    );
    assert.deepEqual((await mine()).sort(), [
      "harbour-lights:producer",
      "northern-lights:producer",
      "saltwater-block-2:producer",
    ]);
  }));

Deno.test("/admin - archiving makes the production read-only; unarchiving restores writes", () =>
  withApp(async (app) => {
    const { cookie, token } = await login(app, "producer");
    const archived = await submit(app, cookie, {
      intent: "archive",
      id: "saltwater-block-2",
    });
    assert.match(archived.text, /Production archived/);
    assert.match(
      archived.text,
      /Saltwater — Block 2 .* Archived \(read-only\)/,
    );
    const path = "/api/p/saltwater-block-2/tasks";
    const write = await api(app, { token }).post(path, { title: "Late" });
    assert.equal(write.status, 409);
    assert.equal(write.body.error.code, "archived");
    assert.equal((await api(app, { token }).get(path)).status, 200);
    // Its pages say so on top.
    const board = await pageHtml(app, "/p/saltwater-block-2/tasks", cookie);
    assert.match(
      visibleText(board),
      /Saltwater — Block 2 is archived: you can read everything here/,
    );

    await submit(app, cookie, { intent: "unarchive", id: "saltwater-block-2" });
    assert.doesNotMatch(
      await pageHtml(app, "/p/saltwater-block-2/tasks", cookie),
      /data-archived/,
    );
    const after = await api(app, { token }).post(path, { title: "Late" });
    assert.equal(after.status, 201);

    const unknown = await postForm(app, "/admin", {
      intent: "archive",
      id: crypto.randomUUID(),
    }, cookie);
    assert.equal(unknown.status, 404);
    assert.match(visibleText(await unknown.text()), /No such production/);
  }));

Deno.test("/admin - accounts: create, deactivate and reactivate, reset a password; mistakes inline", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const account = {
      intent: "create_account",
      name: "Gale Gaffer",
      username: "gaffer",
      password: "temporary-1",
      admin: "true",
    };
    const short = await postForm(app, "/admin", {
      ...account,
      password: "short",
    }, cookie);
    assert.equal(short.status, 400);
    const shortHtml = await short.text();
    assert.match(shortHtml, /id="account-password"[^>]*aria-invalid="true"/);
    assert.match(shortHtml, /name="username"[^>]*value="gaffer"/);
    assert.ok(!shortHtml.includes('value="short"'));
    const taken = await postForm(app, "/admin", {
      ...account,
      username: "crew",
    }, cookie);
    assert.equal(taken.status, 409);
    assert.match(await taken.text(), /id="account-username"[^>]*aria-invalid/);
    assert.equal(await signsIn(app, "gaffer", "temporary-1"), false);

    const created = await submit(app, cookie, account);
    assert.match(created.text, /Account created/);
    assert.match(created.text, /Gale Gaffer gaffer Active Yes No production/);
    assert.equal(await signsIn(app, "gaffer", "temporary-1"), true);

    const id = await idOf(app, "gaffer");
    const off = await submit(app, cookie, {
      intent: "active",
      id,
      version: "1",
      active: "false",
    });
    assert.match(off.text, /Account deactivated/);
    assert.match(off.text, /Gale Gaffer gaffer Deactivated/);
    assert.equal(await signsIn(app, "gaffer", "temporary-1"), false);
    // A stale version: refused above the lists, nothing changes.
    const stale = await postForm(app, "/admin", {
      intent: "active",
      id,
      version: "1",
      active: "true",
    }, cookie);
    assert.equal(stale.status, 409);
    assert.match(
      visibleText(await stale.text()),
      /Someone changed this account/,
    );
    await submit(app, cookie, {
      intent: "active",
      id,
      version: "2",
      active: "true",
    });
    assert.equal(await signsIn(app, "gaffer", "temporary-1"), true);

    const noPassword = await postForm(app, "/admin", {
      intent: "password",
      id,
      password: "",
    }, cookie);
    assert.equal(noPassword.status, 400);
    assert.match(
      await noPassword.text(),
      /id="reset-password"[^>]*aria-invalid/,
    );
    const reset = await submit(app, cookie, {
      intent: "password",
      id,
      password: "brand-new-42",
    });
    assert.match(reset.text, /Password reset/);
    assert.equal(await signsIn(app, "gaffer", "temporary-1"), false);
    assert.equal(await signsIn(app, "gaffer", "brand-new-42"), true);
  }));

Deno.test("/admin - an admin cannot deactivate themselves, even by a hand-made post", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const self = await findByUsername(app.services.store, "producer");
    const res = await postForm(app, "/admin", {
      intent: "active",
      id: self!.id,
      version: String(self!.version),
      active: "false",
    }, cookie);
    assert.equal(res.status, 409);
    assert.match(
      visibleText(await res.text()),
      /cannot deactivate your own account/,
    );
    assert.equal(await signsIn(app, "producer", "password123"), true);
  }));

import assert from "node:assert/strict";
import { can, canOpen } from "@/lib/policy.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { NAV_ITEMS } from "@/lib/navigation.ts";
import { users } from "@/lib/team/users.ts";
import { findMember } from "@/lib/team/members.ts";
import { formRequest, getPage } from "./helpers/pages.ts";
import { browserHeaders, login, withApp } from "./helpers/test_app.ts";

Deno.test("pages - signed out, pages redirect to login and back", () =>
  withApp(async (app) => {
    const home = await app.fetch("/");
    assert.equal(home.status, 303);
    assert.equal(home.headers.get("location"), "/login");
    const team = await app.fetch("/team?tab=all");
    assert.equal(
      team.headers.get("location"),
      "/login?next=%2Fteam%3Ftab%3Dall",
    );
  }));

Deno.test("login page - a real form with focus on the first field", () =>
  withApp(async (app) => {
    const res = await app.fetch("/login?next=/team");
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(
      html,
      /<form class="login-card" method="post" action="\/login"/,
    );
    assert.match(html, /<input name="username"[^>]*autofocus/);
    assert.match(html, /<input type="hidden" name="next" value="\/team"/);
    assert.doesNotMatch(html, /<script/);
  }));

Deno.test("login page - wrong password shows an inline error and keeps the username", () =>
  withApp(async (app) => {
    const res = await app.fetch(
      "/login",
      formRequest({
        username: "director",
        password: "bad-password",
        next: "/",
      }),
    );
    assert.equal(res.status, 401);
    const html = await res.text();
    assert.match(
      html,
      /<p class="form-error" role="alert" id="login-error">Wrong username or password<\/p>/,
    );
    assert.match(html, /value="director"/);
    assert.deepEqual(res.headers.getSetCookie(), []);
  }));

Deno.test("login page - success sets cookies and goes to the page asked for", () =>
  withApp(async (app) => {
    const res = await app.fetch(
      "/login",
      formRequest({
        username: "producer",
        password: "password123",
        next: "/team",
      }),
    );
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/team");
    assert.equal(res.headers.getSetCookie().length, 2);
  }));

Deno.test("login page - next cannot send the user to another site", () =>
  withApp(async (app) => {
    for (
      const next of [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
      ]
    ) {
      const res = await app.fetch(
        "/login",
        formRequest({ username: "crew", password: "password123", next }),
      );
      assert.equal(res.headers.get("location"), "/", next);
    }
  }));

Deno.test("shell - each demo role sees exactly the modules the policy opens", () =>
  withApp(async (app) => {
    for (const demo of DEMO_USERS) {
      const { cookie } = await login(app, demo.username);
      const { status, html } = await getPage(app, "/", cookie);
      assert.equal(status, 200, demo.username);
      assert.match(
        html,
        new RegExp(`<span class="user-name">${demo.name}</span>`),
      );
      const nav = html.match(/<nav class="sidebar"[\s\S]*?<\/nav>/)![0];
      const links = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      // Pages only some roles change (the settings) are listed for them.
      const expected = NAV_ITEMS.filter((i) =>
        i.module === null ||
        (i.forWriters
          ? can({ id: "", role: demo.role }, i.module, "write")
          : canOpen(demo.role, i.module))
      ).map((i) => i.href);
      assert.deepEqual(links, expected, demo.username);
      for (const item of NAV_ITEMS) {
        if (item.module === null || item.module === "team") continue;
        // Module pages: 200 when the role may open them, else 403.
        const res = await getPage(app, item.href, cookie);
        assert.equal(
          res.status,
          canOpen(demo.role, item.module) ? 200 : 403,
          `${demo.username} ${item.href}`,
        );
      }
    }
  }));

Deno.test("shell - the page carries a CSP whose nonce is the boot script's", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "crew");
    const { html, res } = await getPage(app, "/", cookie);
    const nonce = html.match(/<script type="module" nonce="([^"]+)">/)![1];
    const header = res.headers.get("content-security-policy")!;
    assert.ok(
      header.includes(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`),
    );
    assert.match(header, /object-src 'none'/);
    assert.match(header, /base-uri 'none'/);
    assert.match(header, /frame-ancestors 'none'/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(
      res.headers.get("referrer-policy"),
      "strict-origin-when-cross-origin",
    );
    assert.equal(res.headers.get("cache-control"), "no-store");
  }));

Deno.test("shell - an expired access token is renewed from the refresh cookie on navigation", () =>
  withApp(async (app) => {
    const { refresh } = await login(app, "vfx");
    const res = await app.fetch("/", {
      headers: {
        cookie: `ps_session=expired.or.garbage; ps_refresh=${refresh}`,
        "sec-fetch-mode": "navigate",
      },
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Ines Moreau/);
    const cookies = res.headers.getSetCookie();
    assert.ok(cookies.some((c) => c.startsWith("ps_session=ey")));
    assert.ok(
      cookies.some((c) => c.startsWith("ps_refresh=") && !c.includes(refresh)),
    );
  }));

Deno.test("shell - with no valid session at all, back to login", () =>
  withApp(async (app) => {
    const res = await app.fetch("/team", {
      headers: {
        cookie: "ps_session=bad; ps_refresh=bad",
        "sec-fetch-mode": "navigate",
      },
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login?next=%2Fteam");
  }));

Deno.test("logout - the form signs out and clears the cookies", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "crew");
    const res = await app.fetch("/logout", {
      method: "POST",
      headers: browserHeaders(cookie),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login");
    assert.equal(
      res.headers.getSetCookie().filter((c) => /Max-Age=0/.test(c)).length,
      2,
    );
    const after = await app.fetch("/", { headers: { cookie } });
    assert.equal(after.status, 303);
  }));

Deno.test("team page - managers add a member through the form; errors are inline", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "prodmanager");
    const { html } = await getPage(app, "/team", cookie);
    assert.match(html, /Add a crew member/);
    const bad = await app.fetch(
      "/team",
      formRequest({
        intent: "create",
        name: "",
        username: "x",
        role: "crew",
        password: "1",
      }, { cookie }),
    );
    assert.equal(bad.status, 400);
    const badHtml = await bad.text();
    assert.match(badHtml, /<span class="field-error" id="name-error">/);
    assert.match(badHtml, /<span class="field-error" id="username-error">/);
    assert.match(badHtml, /<span class="field-error" id="password-error">/);
    const ok = await app.fetch(
      "/team",
      formRequest({
        intent: "create",
        name: "Rita Grip",
        username: "rita",
        role: "crew",
        password: "temporary-1",
      }, { cookie }),
    );
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), "/team?done=created");
    const after = await getPage(app, "/team?done=created", cookie);
    assert.match(after.html, /Crew member added/);
    assert.match(after.html, /Rita Grip/);
    await login(app, "rita", "temporary-1");
  }));

Deno.test("team page - crew see names and roles but no management controls", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "crew");
    const { status, html } = await getPage(app, "/team", cookie);
    assert.equal(status, 200);
    assert.match(html, /Paula Reyes/);
    assert.doesNotMatch(html, /Add a crew member/);
    assert.doesNotMatch(html, /Deactivate/);
    const res = await app.fetch(
      "/team",
      formRequest({
        intent: "create",
        name: "X Y",
        username: "xy1",
        role: "crew",
        password: "12345678",
      }, {
        cookie,
      }),
    );
    assert.equal(res.status, 403);
    await res.body?.cancel();
  }));

Deno.test("team page - deactivating a member through the form", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const crew = await login(app, "crew");
    const [sam] = await users.findBy(app.services.kv, "username", "crew");
    const { html } = await getPage(app, "/team", cookie);
    const id = sam.id;
    const version = String(sam.version);
    assert.match(
      html,
      new RegExp(
        `name="intent" value="active"/><input type="hidden" name="id" value="${id}"`,
      ),
    );
    const res = await app.fetch(
      "/team",
      formRequest({ intent: "active", id, version, active: "false" }, {
        cookie,
      }),
    );
    assert.equal(res.status, 303);
    const me = await app.fetch("/api/auth/me", {
      headers: { cookie: crew.cookie },
    });
    assert.equal(me.status, 401);
    await me.body?.cancel();
  }));

Deno.test("error pages - signed-in 404 renders inside the shell", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "director");
    const { status, html } = await getPage(app, "/no/such/page", cookie);
    assert.equal(status, 404);
    assert.match(html, /<nav class="sidebar"/);
    assert.match(html, /Page not found/);
  }));

Deno.test("team page - removing a member and adding them back by username", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const crew = await login(app, "crew");
    const sam = (await findMember(app.services.kv, "crew"))!;
    const { html } = await getPage(app, "/team", cookie);
    assert.match(html, /aria-label="Remove Sam Lindqvist from the production"/);
    assert.match(html, /<h2 id="join-title">Add someone with an account<\/h2>/);
    const removed = await app.fetch(
      "/team",
      formRequest({
        intent: "remove",
        id: sam.id,
        version: String(sam.version),
      }, { cookie }),
    );
    assert.equal(removed.status, 303);
    assert.equal(removed.headers.get("location"), "/team?done=removed");
    const me = await app.fetch("/api/auth/me", {
      headers: { cookie: crew.cookie },
    });
    assert.equal(me.status, 401, "no longer a member: signed out here");
    await me.body?.cancel();
    const after = await getPage(app, "/team?done=removed", cookie);
    assert.match(after.html, /Their account stays in the studio/);
    assert.doesNotMatch(after.html, /Sam Lindqvist/);

    const unknown = await app.fetch(
      "/team",
      formRequest({ intent: "join", username: "nobody", role: "crew" }, {
        cookie,
      }),
    );
    assert.equal(unknown.status, 404);
    assert.match(
      await unknown.text(),
      /No account is called &quot;nobody&quot;/,
    );
    const joined = await app.fetch(
      "/team",
      formRequest({ intent: "join", username: "crew", role: "vfx" }, {
        cookie,
      }),
    );
    assert.equal(joined.status, 303);
    assert.equal((await findMember(app.services.kv, "crew"))?.role, "vfx");
  }));

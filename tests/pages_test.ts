import assert from "node:assert/strict";
import { can, canOpen } from "@/lib/policy.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { NAV_ITEMS } from "@/lib/navigation.ts";
import { users } from "@/lib/team/users.ts";
import { findMember } from "@/lib/team/members.ts";
import {
  formRequest,
  getPage,
  pageHtml,
  sidebar,
  withoutScripts,
} from "./helpers/pages.ts";
import { inProduction } from "@/lib/production/paths.ts";
import {
  browserHeaders,
  DEMO_SLUG,
  login,
  withApp,
} from "./helpers/test_app.ts";

/** The demo feature film's address of a production-relative page. */
const demo = (path: string) => inProduction(DEMO_SLUG, path);

Deno.test("pages - signed out, pages redirect to login and back", () =>
  withApp(async (app) => {
    const home = await app.fetch("/");
    assert.equal(home.status, 303);
    assert.equal(home.headers.get("location"), "/login");
    const team = await app.fetch(demo("/team?tab=all"));
    assert.equal(
      team.headers.get("location"),
      "/login?next=%2Fp%2Fnorthern-lights%2Fteam%3Ftab%3Dall",
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

Deno.test("login page - an account already signed in goes on: to next, else home", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "director");
    const home = await getPage(app, "/login", cookie);
    assert.equal(home.status, 303);
    assert.equal(home.res.headers.get("location"), "/");
    const next = await getPage(app, `/login?next=${demo("/script")}`, cookie);
    assert.equal(next.status, 303);
    assert.equal(next.res.headers.get("location"), "/p/northern-lights/script");
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
    for (const user of DEMO_USERS) {
      const { cookie } = await login(app, user.username);
      const { status, html } = await getPage(app, demo("/"), cookie);
      assert.equal(status, 200, user.username);
      assert.match(
        html,
        new RegExp(`<span class="user-name">${user.name}</span>`),
      );
      const nav = html.match(/<nav class="sidebar"[\s\S]*?<\/nav>/)![0];
      const links = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      // Pages only some roles change (the settings) are listed for them.
      // Every entry leads into the page's production.
      const expected = NAV_ITEMS.filter((i) =>
        i.module === null ||
        (i.forWriters
          ? can({ id: "", role: user.role }, i.module, "write")
          : canOpen(user.role, i.module))
      ).map((i) => demo(i.href));
      assert.deepEqual(links, expected, user.username);
      assert.match(nav, /<a href="\/p\/northern-lights" aria-current="page">/);
      for (const item of NAV_ITEMS) {
        if (item.module === null || item.module === "team") continue;
        // Module pages: 200 when the role may open them, else 403.
        const res = await getPage(app, demo(item.href), cookie);
        assert.equal(
          res.status,
          canOpen(user.role, item.module) ? 200 : 403,
          `${user.username} ${item.href}`,
        );
      }
    }
  }));

Deno.test("shell - the top bar names the production and switches to the user's others", () =>
  withApp(async (app) => {
    /** The switcher's links: [href, text, current]. */
    const switcher = (html: string) => {
      const menu = withoutScripts(html).match(
        /<details class="switcher">[\s\S]*?<\/details>/,
      )?.[0];
      assert.ok(menu, "a production switcher");
      return {
        title: menu.match(/<span class="switcher-title">([^<]*)</)?.[1],
        links: [...menu.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)].map((
          [, attrs, text],
        ) => [
          attrs.match(/href="([^"]+)"/)![1],
          text,
          attrs.includes('aria-current="true"'),
        ]),
      };
    };
    // Crew is a member of both demo productions (production manager of
    // the series block).
    const crew = await login(app, "crew");
    const inFilm = switcher(await pageHtml(app, demo("/tasks"), crew.cookie));
    assert.equal(inFilm.title, "Northern Lights");
    assert.deepEqual(inFilm.links, [
      ["/p/northern-lights", "Northern Lights", true],
      ["/p/saltwater-block-2", "Saltwater — Block 2", false],
      ["/", "All productions", false],
    ]);
    const series = await pageHtml(app, "/p/saltwater-block-2", crew.cookie);
    assert.equal(switcher(series).title, "Saltwater — Block 2");
    assert.match(
      sidebar(series),
      /<a href="\/p\/saltwater-block-2" aria-current="page">Dashboard</,
    );
    assert.match(series, /<span class="role-badge">Production manager</);
    // The director is a member of the film only.
    const director = await login(app, "director");
    assert.deepEqual(
      switcher(await pageHtml(app, demo("/"), director.cookie)).links,
      [
        ["/p/northern-lights", "Northern Lights", true],
        ["/", "All productions", false],
      ],
    );
    // A studio admin also finds the way to the studio's administration.
    const producer = await login(app, "producer");
    assert.deepEqual(
      switcher(await pageHtml(app, demo("/"), producer.cookie)).links.slice(
        -2,
      ),
      [["/", "All productions", false], ["/admin", "Studio admin", false]],
    );
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
    const res = await app.fetch(demo("/team"), {
      headers: {
        cookie: "ps_session=bad; ps_refresh=bad",
        "sec-fetch-mode": "navigate",
      },
    });
    assert.equal(res.status, 303);
    assert.equal(
      res.headers.get("location"),
      "/login?next=%2Fp%2Fnorthern-lights%2Fteam",
    );
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
    assert.equal(ok.headers.get("location"), demo("/team?done=created"));
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
    // Outside any production: the account's frame, no modules, a way home.
    const { status, html } = await getPage(app, "/no/such/page", cookie);
    assert.equal(status, 404);
    assert.match(html, /<header class="topbar">/);
    assert.match(html, /<span class="user-name">Dana Kowalski<\/span>/);
    assert.doesNotMatch(html, /<nav class="sidebar"/);
    assert.doesNotMatch(html, /class="role-badge"/);
    assert.match(html, /Page not found/);
    assert.match(html, /<a class="button" href="\/">Back to your productions</);
    // Inside one: the member's frame, its modules in that production.
    const inside = await getPage(app, demo("/tasks/no-such-task"), cookie);
    assert.equal(inside.status, 404);
    assert.match(inside.html, /Page not found/);
    assert.match(
      sidebar(inside.html),
      /<a href="\/p\/northern-lights\/tasks" aria-current="page">Tasks</,
    );
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
    assert.equal(removed.headers.get("location"), demo("/team?done=removed"));
    // No longer a member: the production is not there for them (DESIGN §3).
    const gone = await getPage(app, demo("/"), crew.cookie);
    assert.equal(gone.status, 404, "no longer a member: nothing here");
    const after = await getPage(app, demo("/team?done=removed"), cookie);
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
    const back = await getPage(app, demo("/"), crew.cookie);
    assert.equal(back.status, 200, "a member again");
  }));
